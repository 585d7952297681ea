-- Headless Neovim (Debian 0.7.2) on a shell script: an extensionless file with a bash shebang gets Neovim's own
-- filetype `sh`, which is the languageId Neovim sends by default; the server reports --privileged with UTF-16
-- columns after Japanese text and an emoji, and the --pids-limit quick fix is applied, written and still valid bash.
-- Usage: DW_SERVER=/abs/bin/dockwarden-language-server.js DW_FILE=/abs/bin/deploy DW_OUT=/abs/dir \
--        nvim --headless --clean -n -i NONE -u script.lua </dev/null
-- Exit status: 0 pass, 1 assertion failed, 2 timeout, 3 server died / LSP error.
local uv = vim.loop
local T0 = uv.hrtime()
local function ms() return math.floor((uv.hrtime() - T0) / 1e6) end

local SERVER = assert(os.getenv('DW_SERVER'), 'DW_SERVER not set')
local FILE   = assert(os.getenv('DW_FILE'), 'DW_FILE not set')
local OUT    = assert(os.getenv('DW_OUT'), 'DW_OUT not set')
local STEP_TIMEOUT  = tonumber(os.getenv('DW_STEP_TIMEOUT_MS') or '15000')
local TOTAL_TIMEOUT = tonumber(os.getenv('DW_TOTAL_TIMEOUT_MS') or '45000')

local function write_file(path, s) local f = assert(io.open(path, 'w')); f:write(s); f:close() end
local function read_file(path)
  local f = io.open(path, 'r'); if not f then return nil end
  local s = f:read('*a'); f:close(); return s
end

local timings, client_id, finished = {}, nil, false
local function mark(name) timings[#timings + 1] = { step = name, ms = ms() } end

local function finish(code, msg)
  if finished then return end
  finished = true
  mark('finish')
  write_file(OUT .. '/result.json', vim.json.encode({ code = code, msg = msg or 'ok', timings = timings }))
  io.stderr:write(string.format('[nvim] %s (exit %d) after %d ms\n', msg or 'ok', code, ms()))
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if client then
    client.stop()
    vim.wait(2000, function() return client.is_stopped() end, 20)
    if not client.is_stopped() then client.stop(true) end
  end
  vim.cmd('cquit ' .. code)
end
local function fail(code, msg) finish(code, 'FAIL: ' .. msg) end

local watchdog = uv.new_timer()
watchdog:start(TOTAL_TIMEOUT, 0, vim.schedule_wrap(function() fail(2, 'global timeout ' .. TOTAL_TIMEOUT .. ' ms') end))

local function wait_for(what, pred)
  local ok = vim.wait(STEP_TIMEOUT, function() return finished or pred() end, 10)
  if finished then return false end
  if not ok then fail(2, 'timeout waiting for ' .. what); return false end
  mark(what)
  return true
end

local function find_diag(diags, id)
  for _, d in ipairs(diags) do
    if d.code == id then return d end
  end
end

local ok, err = xpcall(function()
  -- Filetype detection as a user's Neovim has it (under -u it is turned on only after this script).
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local filetype = vim.bo[bufnr].filetype
  if filetype ~= 'sh' then return fail(1, 'Neovim gave the script the filetype ' .. vim.inspect(filetype)) end
  mark('filetype sh')

  local published = {}
  -- No get_language_id: Neovim sends the filetype.
  client_id = vim.lsp.start_client({
    name = 'dockwarden',
    cmd = { 'node', SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(FILE, ':h'),
    flags = { debounce_text_changes = 0, exit_timeout = 1000 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        published[#published + 1] = result
        return vim.lsp.handlers['textDocument/publishDiagnostics'](e, result, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      if not finished then
        vim.schedule(function() fail(3, ('server exited early code=%s signal=%s'):format(code, signal)) end)
      end
    end,
    on_error = function(code, e)
      vim.schedule(function() fail(3, 'rpc error ' .. tostring(vim.lsp.rpc.client_errors[code]) .. ' ' .. vim.inspect(e)) end)
    end,
  })
  if not client_id then return fail(3, 'start_client returned nil') end
  local client = vim.lsp.get_client_by_id(client_id)
  if not wait_for('initialized', function() return client.initialized == true end) then return end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  local last = function() return published[#published] end
  if not wait_for('diagnostics', function()
    local p = last()
    return p and p.uri == uri and find_diag(p.diagnostics, 'privileged') and find_diag(p.diagnostics, 'pids-limit-missing')
  end) then return end
  local diags = last().diagnostics
  write_file(OUT .. '/diagnostics.json', vim.json.encode(diags))

  -- The range, read back as UTF-16 offsets, covers exactly `--privileged` ("起動 🚀" comes before it).
  local priv = find_diag(diags, 'privileged')
  local text = lines[priv.range.start.line + 1]
  local okb, bs = pcall(vim.str_byteindex, text, priv.range.start.character, true)
  local oke, be = pcall(vim.str_byteindex, text, priv.range['end'].character, true)
  local covered = (okb and oke) and text:sub(bs + 1, be) or '<out of range>'
  if covered ~= '--privileged' then
    return fail(1, ('privileged range %s covers %q on %q'):format(vim.json.encode(priv.range), covered, text))
  end
  mark('utf16-columns-ok')

  local pids = find_diag(diags, 'pids-limit-missing')
  local actions, ca_err
  client.request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = pids.range,
    context = { diagnostics = { pids }, only = { 'quickfix' } },
  }, function(e, result) ca_err = e or false; actions = result end, bufnr)
  if not wait_for('codeAction', function() return ca_err ~= nil end) then return end
  if ca_err then return fail(3, 'codeAction error: ' .. vim.inspect(ca_err)) end
  local fix
  for _, a in ipairs(actions or {}) do
    if a.edit and tostring(a.title):find('--pids-limit 200', 1, true) then fix = a; break end
  end
  if not fix then return fail(1, 'no --pids-limit quick fix: ' .. vim.inspect(actions)) end

  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  vim.api.nvim_buf_call(bufnr, function() vim.cmd('silent write') end)
  mark('applied+written')

  local n_before = #published
  if not wait_for('diagnostics after the fix', function()
    return #published > n_before and not find_diag(last().diagnostics, 'pids-limit-missing')
  end) then return end

  local after = read_file(FILE) or ''
  write_file(OUT .. '/after.sh', after)
  if not after:find('docker run --pids-limit 200 -d --privileged \\\n', 1, true) then
    return fail(1, 'the flag is not right after the subcommand:\n' .. after)
  end
  vim.fn.system({ 'bash', '-n', FILE })
  if vim.v.shell_error ~= 0 then return fail(1, 'bash -n rejects the fixed script:\n' .. after) end
  finish(0, 'PASS')
end, debug.traceback)

if not ok then vim.schedule(function() fail(1, 'lua error: ' .. tostring(err)) end) end
