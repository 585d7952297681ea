"""Checks Compose files with parsers that are not Dockwarden's (test/unit/fix-independent.test.ts).

Reads one path per line on stdin, `-` before it when docker-compose's loader is not wanted for it (a result whose
original it rejects already); prints one JSON object: {path: {"yaml": error|null, "compose": error|null|"absent"|
"skipped", "ports": [problem, ...]}}.

- yaml: PyYAML's safe_load_all (Debian: python3-yaml).
- compose: docker-compose 1.29's own loader (Debian: docker-compose), as `docker-compose -f FILE config` runs it, in
  this one process; "absent" when the package is not importable. 1.29 predates long-syntax `host_ip` (Compose v2):
  that key is left out before loading, and its value is checked under `ports`.
- ports: every published port after interpolation (docker-compose's interpolator, the file folder's .env), checked
  against the grammar of Compose v2 (docker/go-connections nat.ParsePortSpec: [ip:][host:]container[/proto], the
  address an IP or empty, ports and ranges up to 65535) and long syntax host_ip an IP. docker-compose 1.29 accepts
  some strings newer Compose rejects (`127.0.0.1::443:443`), so they are checked here.
"""
import ipaddress
import json
import logging
import os
import re
import sys

import yaml

logging.disable(logging.CRITICAL)

# libyaml's loader when PyYAML has it (Debian's does): the same YAML, several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

try:
    from compose.config import config as compose_config
    from compose.config.environment import Environment
    from compose.config.interpolation import Interpolator, TemplateWithDefaults
except Exception:  # noqa: BLE001 - any import problem means the tool is absent
    compose_config = None

PORT = re.compile(r"^\d+(-\d+)?$")


def port_range_ok(text, allow_empty):
    if text == "":
        return allow_empty
    if not PORT.match(text):
        return False
    return all(0 <= int(p) <= 65535 for p in text.split("-"))


def ip_ok(text):
    if text == "":
        return True
    try:
        ipaddress.ip_address(text[1:-1] if text.startswith("[") and text.endswith("]") else text)
        return True
    except ValueError:
        return False


def short_port_problem(spec):
    spec = str(spec).strip()
    proto = None
    if "/" in spec:
        spec, proto = spec.rsplit("/", 1)
        if proto.lower() not in ("tcp", "udp", "sctp"):
            return "protocol"
    if spec.startswith("["):
        end = spec.find("]")
        if end < 0 or spec[end + 1 : end + 2] != ":":
            return "address"
        ip, rest = spec[: end + 1], spec[end + 2 :].split(":")
        if len(rest) != 2:
            return "fields"
        host, container = rest
    else:
        parts = spec.split(":")
        container = parts[-1]
        if len(parts) == 1:
            ip, host = "", ""
        elif len(parts) == 2:
            ip, host = "", parts[0]
        else:
            ip, host = ":".join(parts[:-2]), parts[-2]
    if not ip_ok(ip):
        return "address %r" % ip
    if not port_range_ok(host, True):
        return "host port %r" % host
    if not port_range_ok(container, False):
        return "container port %r" % container
    return None


def port_problems(path, doc):
    if compose_config is None:
        return []
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, dict):
        return []
    env = Environment.from_env_file(os.path.dirname(os.path.abspath(path)))
    interpolator = Interpolator(TemplateWithDefaults, env)
    out = []
    for name, service in services.items():
        ports = service.get("ports") if isinstance(service, dict) else None
        if not isinstance(ports, list):
            continue
        for item in ports:
            try:
                if isinstance(item, dict):
                    host_ip = item.get("host_ip")
                    if host_ip is not None and not ip_ok(interpolator.interpolate(str(host_ip))):
                        out.append("%s: host_ip %r" % (name, host_ip))
                    continue
                text = interpolator.interpolate(str(item)) if isinstance(item, str) else str(item)
            except Exception:  # noqa: BLE001 - an unset required variable: not a port problem
                continue
            problem = short_port_problem(text)
            if problem:
                out.append("%s: %r (%s)" % (name, text, problem))
    return out


def without_host_ip(doc):
    """The document without long-syntax ports' host_ip (unknown to docker-compose 1.29)."""
    services = doc.get("services") if isinstance(doc, dict) else None
    if isinstance(services, dict):
        for service in services.values():
            ports = service.get("ports") if isinstance(service, dict) else None
            for item in ports if isinstance(ports, list) else []:
                if isinstance(item, dict):
                    item.pop("host_ip", None)
    return doc


def first_line(error):
    text = " ".join(line.strip() for line in str(error).strip().splitlines())
    return (type(error).__name__ + ": " + text)[:400]


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(yaml.load_all(f, Loader=SafeLoader))


def check(path, with_compose):
    result = {"yaml": None, "compose": "absent", "ports": []}
    try:
        docs = load(path)
    except Exception as e:  # noqa: BLE001
        result["yaml"] = first_line(e)
        return result
    if compose_config is None:
        return result
    doc = docs[0] if docs else None
    folder = os.path.dirname(os.path.abspath(path))
    try:
        result["ports"] = port_problems(path, doc)
    except Exception as e:  # noqa: BLE001
        result["ports"] = ["unreadable: " + first_line(e)]
    if not with_compose:
        result["compose"] = "skipped"
        return result
    try:
        # As `docker-compose -f FILE config` loads it (compose's find() reads the same YAML with safe_load).
        config_file = compose_config.ConfigFile(path, without_host_ip(doc))
        details = compose_config.ConfigDetails(folder, [config_file], Environment.from_env_file(folder))
        compose_config.load(details)
        result["compose"] = None
    except BaseException as e:  # noqa: BLE001 - the loader exits on some errors
        result["compose"] = first_line(e)
    return result


def main():
    out = {}
    for line in sys.stdin:
        path = line.rstrip("\n")
        if path.startswith("-"):
            out[path[1:]] = check(path[1:], False)
        elif path:
            out[path] = check(path, True)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
