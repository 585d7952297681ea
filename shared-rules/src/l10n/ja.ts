import type { RuleTexts } from './index';

/** Japanese texts by rule id: every rule's title and every message id (checked by a test). */
export const ja: Record<string, RuleTexts> = {
  privileged: {
    title: 'コンテナが特権モードで動作します',
    messages: {
      default:
        '{container}は privileged で動作します。すべてのケーパビリティとホストのデバイスを得るため、コンテナ内の root はホストの root と同じです',
      fix: 'privileged: true を削除する（ホストのデバイスやカーネル機能を必要とするサービス、例えば Docker-in-Docker が動かなくなることがあります）',
      fixFlag:
        '--privileged を削除する（ホストのデバイスやカーネル機能を必要とするサービス、例えば Docker-in-Docker が動かなくなることがあります）',
      fixKey: '"privileged": true を削除する（Docker-in-Docker や FUSE など、これを必要とするものが動かなくなることがあります）',
      fixRunArgs: '--privileged を削除する（Docker-in-Docker や FUSE など、これを必要とするものが動かなくなることがあります）',
      feature:
        '{container}は機能 {feature} を使っており、この機能はコンテナを privileged で動かします。すべてのケーパビリティとホストのデバイスを得るため、コンテナ内の root はホストの root と同じです。rootless のエンジンと docker-outside-of-docker を使うか、イメージは別の場所でビルドしてください',
    },
  },
  'docker-socket-mount': {
    title: 'コンテナエンジンのソケットがコンテナにマウントされています',
    messages: {
      default: '{path} をマウントすると、{container}がコンテナエンジンを完全に操作できます。特権コンテナを起動してホストを乗っ取れます',
      readOnly:
        '{path} をマウントすると、読み取り専用でも{container}がコンテナエンジンを完全に操作できます（:ro は API を制限しません）。特権コンテナを起動してホストを乗っ取れます',
      directory:
        '{path} をマウントすると、その中のコンテナエンジンのソケットに{container}がアクセスできます。特権コンテナを起動してホストを乗っ取れます',
      fix: '{path} のマウントを削除する（エンジンの API を使うサービス、例えばプロキシ、CI ランナー、監視ツールが動かなくなります）',
      fixDevcontainer: '{path} のマウントを削除する（開発コンテナ内からエンジンを使う処理が動かなくなることがあります）',
      feature:
        '機能 {feature} は Docker のソケット（{path}）を{container}にマウントします。ホストのコンテナエンジンを完全に操作できるため、特権コンテナを起動してホストを乗っ取れます',
    },
  },
  'sensitive-host-mount': {
    title: 'ホストの重要なパスがコンテナにマウントされています',
    messages: {
      default:
        '{container}はホストの {path} を書き込み可能でマウントしています。侵害されたコンテナがホストのファイルを書き換え、ホストを乗っ取れます',
      readOnly:
        '{container}はホストの {path} を読み取り専用でマウントしています。ホストの秘密情報や設定を読み取れるため、必要なファイルだけをマウントしてください',
      fix: '{path} を読み取り専用でマウントする（そこに書き込むサービスが動かなくなることがあります）',
    },
  },
  'port-all-interfaces': {
    title: 'ポートがすべてのネットワークインターフェースに公開されています',
    messages: {
      default:
        '{container}は {port} をホストのすべてのインターフェースに公開しています。ネットワークから到達でき、Docker のルールは ufw などのホストのファイアウォールを迂回します',
      randomPort:
        '{container}はコンテナのポート {port} を、ホストのすべてのインターフェース上のランダムなポートに公開しています。ネットワークから到達でき、Docker のルールは ufw などのホストのファイアウォールを迂回します',
      fix: '127.0.0.1 にバインドする（ほかのマシンからはポートに到達できなくなります）',
      publishAll:
        '{container}はイメージが公開するすべてのポートを（-P で）ホストのすべてのインターフェース上のランダムなポートに公開しています。ネットワークから到達でき、Docker のルールは ufw などのホストのファイアウォールを迂回します。必要なポートだけを -p 127.0.0.1:PORT:PORT で公開してください',
      fixDefault:
        '{variable} の既定値を 127.0.0.1 にする（{variable} が設定されていない限り、ほかのマシンからはポートに到達できなくなります）',
    },
  },
  'docker-daemon-port': {
    title: 'Docker Engine API のポートが公開されています',
    messages: {
      default:
        '{container}は Docker Engine API のポートであるホストのポート {port} を公開しています。到達できる者は誰でもコンテナを起動し、ホストを乗っ取れます',
    },
  },
  'host-network': {
    title: 'コンテナがホストのネットワークを共有しています',
    messages: {
      default:
        '{container}は network_mode: host を使っています。ホストのネットワークスタックを共有し、ホストの localhost で待ち受けるサービスに到達でき、ネットワークの分離とポート公開の制御を迂回します',
      flag: '{container}は --network host で動作します。ホストのネットワークスタックを共有し、ホストの localhost で待ち受けるサービスに到達でき、ネットワークの分離とポート公開の制御を迂回します',
      fixFlag:
        '--network host を削除する（ホストの localhost のサービスに接続するコンテナや、-p なしで待ち受けるコンテナが動かなくなることがあります）',
      fixRunArgs: '--network host を削除する（提供していたものや、ホストの localhost で利用していたものに届かなくなることがあります）',
    },
  },
  'network-none-suggested': {
    title: 'ネットワークが不要な信頼できないコンテナはネットワークなしにしてください',
    messages: {
      default:
        '{container}は信頼済みレジストリ外のイメージ {image} を使い、ポートを公開していません。ネットワークが不要なら network_mode: none でネットワークへのアクセスを断てます',
      fix: 'network_mode: none を追加する（DNS を含むすべてのネットワークからサービスを切り離します）',
    },
  },
  'host-pid': {
    title: 'コンテナがホストの PID 名前空間を共有しています',
    messages: {
      default:
        '{container}は pid: host を使っています。ホストのすべてのプロセスが見え、その環境変数やコマンドラインを読め、root ならシグナル送信やトレースもできます',
      flag: '{container}は --pid host で動作します。ホストのすべてのプロセスが見え、その環境変数やコマンドラインを読め、root ならシグナル送信やトレースもできます',
      fixFlag: '--pid host を削除する（ホストのプロセスを読む監視ツールやデバッグツールが動かなくなることがあります）',
    },
  },
  'host-ipc': {
    title: 'コンテナがホストの IPC 名前空間を共有しています',
    messages: {
      default:
        '{container}は ipc: host を使っています。ホストの共有メモリと IPC オブジェクトを共有するため、他のプロセスのデータを読み取ったり改ざんしたりできます',
      flag: '{container}は --ipc host で動作します。ホストの共有メモリと IPC オブジェクトを共有するため、他のプロセスのデータを読み取ったり改ざんしたりできます',
      fixFlag: '--ipc host を削除する（ホストのプロセスとメモリを共有するプログラムが動かなくなることがあります）',
    },
  },
  'host-uts': {
    title: 'コンテナがホストの UTS 名前空間を共有しています',
    messages: {
      default: '{container}は uts: host を使っています。ホストのホスト名とドメイン名を共有し、root ならホスト全体のホスト名を変更できます',
      flag: '{container}は --uts host で動作します。ホストのホスト名とドメイン名を共有し、root ならホスト全体のホスト名を変更できます',
      fixFlag: '--uts host を削除する（ホストのホスト名を参照・変更するツールが動かなくなることがあります）',
    },
  },
  'host-userns': {
    title: 'コンテナがユーザー名前空間のリマップを無効にしています',
    messages: {
      default:
        '{container}は userns_mode: host を使っています。デーモンのユーザー名前空間のリマップが無効になり、コンテナ内の root はホストの root と同じです',
      fix: 'userns_mode: host を削除する（デーモンがユーザーを再マッピングする環境では、ホストの root を必要とするサービスが動かなくなることがあります）',
      flag: '{container}は --userns host で動作します。デーモンのユーザー名前空間のリマップが無効になり、コンテナ内の root はホストの root と同じです',
      fixFlag:
        '--userns host を削除する（デーモンがユーザーを再マッピングする環境では、ホストの root を必要とするサービスが動かなくなることがあります）',
    },
  },
  'root-user': {
    title: 'コンテナが root で動作します',
    messages: {
      default:
        '{container}は root（user: {user}）で動作します。ユーザー名前空間が有効でない限り、コンテナから抜け出したプロセスはホストの root になります',
      build:
        '{container}は root で動作します。user: が設定されておらず、Dockerfile {dockerfile} も root 以外の USER で終わっていません。user: を設定するか Dockerfile に USER を追加してください',
      noUser: 'イメージが root で動作します。{stage} に USER 命令がないため、コンテナから抜け出したプロセスはホストの root になります',
      rootUser:
        'イメージが root（USER {user}）で動作します。コンテナから抜け出したプロセスはホストの root になります。CMD の前で root 以外の USER に切り替えてください',
      fix: 'USER 10001 を追加する（root 所有のファイルに書き込むプロセスや 1024 未満のポートで待ち受けるプロセスが動かなくなることがあります）',
      flag: '{container}は root（--user {user}）で動作します。ユーザー名前空間が有効でない限り、コンテナから抜け出したプロセスはホストの root になります',
      buildWindows:
        '{container}は ContainerAdministrator で動作します。user: が設定されておらず、Windows の Dockerfile {dockerfile} も管理者以外の USER に切り替えていません。Dockerfile に USER ContainerUser を追加してください',
      windowsNoUser:
        'イメージがコンテナの管理者 ContainerAdministrator で動作します。{stage} に USER 命令がなく、Windows のベースイメージは管理者で起動するため、すべてのプロセスがシステムファイルやサービスを変更できます。CMD の前で USER ContainerUser に切り替えてください',
      windowsAdmin:
        'イメージがコンテナの管理者（USER {user}）で動作します。すべてのプロセスがシステムファイルやサービスを変更できます。CMD の前で USER ContainerUser に切り替えてください',
      fixWindows:
        'USER ContainerUser を追加する（IIS や Windows サービスなど、管理者権限を必要とするプロセスが動かなくなることがあります）',
      containerUser:
        '{container}は root（containerUser: {user}）で動作します。ユーザー名前空間が有効でない限り、コンテナから抜け出したプロセスはホストの root になります',
      devcontainerBuild:
        '{container}は root で動作します。containerUser も root 以外の remoteUser も設定されておらず、Dockerfile {dockerfile} も root 以外の USER で終わっていません。containerUser を設定するか Dockerfile に USER を追加してください',
    },
  },
  'cap-add-dangerous': {
    title: '危険な Linux ケーパビリティが追加されています',
    messages: {
      all: '{container}はすべてのケーパビリティ（{cap}）を追加しています。privileged: true とほぼ同等の権限です',
      sysAdmin:
        '{container}は {cap} を追加しています。ファイルシステムのマウントなど多くの管理操作が可能になり、コンテナエスケープの典型的な経路です',
      sysPtrace: '{container}は {cap} を追加しています。見えている他のプロセスをトレースし、コードを注入できます',
      sysModule: '{container}は {cap} を追加しています。カーネルモジュールをロードでき、ホストのカーネルでコードを実行できます',
      dacReadSearch:
        '{container}は {cap} を追加しています。任意のファイルを読め、ハンドル経由でホストのファイルを開けるため、コンテナエスケープに悪用されたことがあります',
      netAdmin:
        '{container}は {cap} を追加しています。インターフェース、ルーティング、ファイアウォールのルールを変更でき、通信の盗聴や転送ができます',
      sysRawio: '{container}は {cap} を追加しています。ホストのデバイスと I/O ポートへの生のアクセスを与えます',
      bpf: '{container}は {cap} を追加しています。ホストのカーネルに eBPF プログラムをロードし、カーネルメモリを読めます',
      perfmon: '{container}は {cap} を追加しています。perf と eBPF でホストのプロセスとカーネルを監視できます',
    },
  },
  'cap-drop-missing': {
    title: 'ケーパビリティが削除されていません',
    messages: {
      default:
        '{container}は Docker の既定のケーパビリティ（NET_RAW、SETUID、DAC_OVERRIDE など）を保持しています。cap_drop: [ALL] ですべて削除し、必要なものだけを追加してください',
      partial:
        '{container}は一部のケーパビリティしか削除していません。ALL を含まない cap_drop では Docker の既定の残りが保持されます。ALL を削除し、必要なものだけを追加してください',
      fix: 'cap_drop: [ALL] を追加する（起動時にファイルの所有者やユーザーを変更するサービス、例えばデータベースが起動しなくなることがあります）',
      flag: '{container}は Docker の既定のケーパビリティ（NET_RAW、SETUID、DAC_OVERRIDE など）を保持しています。--cap-drop ALL ですべて削除し、必要なものだけを --cap-add で追加してください',
      fixFlag:
        '--cap-drop ALL を追加する（起動時にファイルの所有者やユーザーを変更するサービス、例えばデータベースが起動しなくなることがあります）',
    },
  },
  'no-new-privileges-missing': {
    title: 'no-new-privileges が設定されていません',
    messages: {
      default:
        '{container}は no-new-privileges を設定していません。コンテナ内のプロセスが su や sudo などの setuid バイナリで権限を昇格できます',
      fix: 'security_opt: [no-new-privileges:true] を追加する',
      fixFlag: '--security-opt no-new-privileges を追加する',
    },
  },
  'seccomp-disabled': {
    title: 'seccomp プロファイルが無効です',
    messages: {
      default:
        '{container}は {option} を設定しています。seccomp フィルターが無効になり、カーネルの脆弱性の悪用やコンテナエスケープに使われるものを含め、すべてのシステムコールを呼び出せます',
      fix: '{option} を削除する（ブロックされたシステムコールを必要とするサービス、例えばブラウザーのサンドボックスやデバッガーが動かなくなることがあります）',
    },
  },
  'apparmor-disabled': {
    title: 'AppArmor プロファイルが無効です',
    messages: {
      default:
        '{container}は {option} を設定しています。/proc や /sys への書き込みやファイルシステムのマウントを防ぐ AppArmor プロファイルが無効になります',
      fix: '{option} を削除する（ファイルシステムをマウントしたりプロセスをトレースしたりするサービスが動かなくなることがあります）',
    },
  },
  'selinux-disabled': {
    title: 'SELinux のラベリングが無効です',
    messages: {
      default:
        '{container}は {option} を設定しています。SELinux による分離が無効になり、到達できるホストのファイルや他のコンテナから隔離されません',
      fix: '{option} を削除する（SELinux のホストでは、サービスがバインドマウントを読めなくなることがあります）',
    },
  },
  'read-only-rootfs-missing': {
    title: 'ルートファイルシステムが書き込み可能です',
    messages: {
      default:
        '{container}のルートファイルシステムは書き込み可能です。侵入者がツールを置いたりファイルを改ざんしたりできます。read_only: true を設定し、書き込みが必要な場所には tmpfs かボリュームをマウントしてください',
      fix: 'read_only: true を設定する（自身のファイルシステムに書き込むサービスが起動しなくなることがあります）',
      flag: '{container}のルートファイルシステムは書き込み可能です。侵入者がツールを置いたりファイルを改ざんしたりできます。--read-only を付け、書き込みが必要な場所には --tmpfs かボリュームをマウントしてください',
      fixFlag: '--read-only を追加する（自身のファイルシステムに書き込むサービスが起動しなくなることがあります）',
    },
  },
  'host-devices': {
    title: 'ホストのデバイスがコンテナにマッピングされています',
    messages: {
      default:
        '{container}はホストのデバイス {device} をコンテナにマッピングしています。デバイスを直接読み書きできるため、本当に必要か確認し、最小限のアクセス（:r など）にしてください',
    },
  },
  'mount-propagation-shared': {
    title: '共有伝播のバインドマウントがあります',
    messages: {
      default:
        '{container}は {path} を {propagation} 伝播でバインドマウントしています。コンテナ内で行ったマウントがホストに現れます。伝播が本当に必要でなければ既定（rprivate）を使ってください',
    },
  },
  'pids-limit-missing': {
    title: 'プロセス数の制限がありません（フォーク爆弾対策）',
    messages: {
      default:
        '{container}にはプロセス数の制限がありません。フォーク爆弾でホストのプロセステーブルが枯渇し、ホストが停止するおそれがあります',
      unlimited:
        '{container}はプロセス数の制限を {value}（無制限）にしています。フォーク爆弾でホストのプロセステーブルが枯渇するおそれがあります',
      fix: 'pids_limit: 200 を設定する（200 を超えるプロセスやスレッドを使うサービスが動かなくなることがあります）',
      fixDeploy: 'deploy.resources.limits.pids: 200 を設定する（200 を超えるプロセスやスレッドを使うサービスが動かなくなることがあります）',
      fixFlag: '--pids-limit 200 を追加する（200 を超えるプロセスやスレッドを使うサービスが動かなくなることがあります）',
      fixFlagValue: '--pids-limit 200 に設定する（200 を超えるプロセスやスレッドを使うサービスが動かなくなることがあります）',
    },
  },
  'memory-limit-missing': {
    title: 'メモリの制限がありません',
    messages: {
      default:
        '{container}にはメモリの制限がありません。メモリリークや攻撃でホストのメモリを使い切り、他のコンテナを圧迫するおそれがあります',
      fix: 'mem_limit: 512m を追加する（より多くのメモリーを必要とするサービスは強制終了されることがあります）',
      fixFlag: '--memory 512m を追加する（より多くのメモリーを必要とするサービスは強制終了されることがあります）',
    },
  },
  'cpu-limit-missing': {
    title: 'CPU の制限がありません',
    messages: {
      default:
        '{container}には CPU の制限がありません。暴走したプロセスや侵害されたプロセス（暗号資産のマイニングなど）がホストのすべてのコアを占有するおそれがあります',
      fix: 'cpus: 1.0 を追加する（1 コアより多くを必要とするサービスが遅くなることがあります）',
      fixFlag: '--cpus 1.0 を追加する（1 コアより多くを必要とするサービスが遅くなることがあります）',
    },
  },
  'image-unpinned': {
    title: 'イメージのバージョンが固定されていません',
    messages: {
      default:
        '{container}はタグのないイメージ {image}（latest と同じ）を使っています。pull のたびに未確認の別のイメージになるおそれがあります。バージョンタグかダイジェストで固定してください',
      latest:
        '{container}は latest タグのイメージ {image} を使っています。pull のたびに未確認の別のイメージになるおそれがあります。バージョンタグかダイジェストで固定してください',
      dockerfile:
        'FROM {image} にタグがありません（latest と同じ）。ビルドのたびに未確認の別のイメージから始まるおそれがあります。バージョンタグかダイジェストで固定してください',
      dockerfileLatest:
        'FROM {image} は latest タグを使っています。ビルドのたびに未確認の別のイメージから始まるおそれがあります。バージョンタグかダイジェストで固定してください',
      via: '{via}={image} にタグがありません（latest と同じ）。ビルドのたびに未確認の別のイメージからコピーするおそれがあります。バージョンタグかダイジェストで固定してください',
      viaLatest:
        '{via}={image} は latest タグを使っています。ビルドのたびに未確認の別のイメージからコピーするおそれがあります。バージョンタグかダイジェストで固定してください',
      malformedDigest:
        '{image} のダイジェスト（{digest}）はダイジェストになっていません（sha256 のダイジェストは小文字の 16 進数 64 桁です）。何も固定されず、Docker はこの参照を受け付けません。完全なダイジェストで固定してください',
    },
  },
  'image-no-digest': {
    title: 'イメージがダイジェストで固定されていません',
    messages: {
      default:
        '{container}はイメージ {image} をタグだけで指定しています。タグは別のイメージに付け替えられるため、確認したものを確実に実行するにはダイジェスト（{image}@sha256:...）で固定してください',
      dockerfile:
        'FROM {image} はタグだけで指定しています。タグは別のイメージに付け替えられるため、確認したものから確実にビルドするにはダイジェスト（{image}@sha256:...）で固定してください',
      via: '{via}={image} はタグだけで指定しています。タグは別のイメージに付け替えられるため、確認したものから確実にコピーするにはダイジェスト（{image}@sha256:...）で固定してください',
      malformedDigest:
        '{image} のダイジェスト（{digest}）はダイジェストになっていません（sha256 のダイジェストは小文字の 16 進数 64 桁です）。イメージを指定しているのはタグだけで、Docker はこの参照を受け付けません。完全なダイジェストで固定してください',
    },
  },
  'untrusted-registry': {
    title: '信頼されていないレジストリのイメージです',
    messages: {
      default: '{container}のイメージ {image}（{name}）は信頼済みレジストリ（{trusted}）の外にあります。内容も公開元も検証されていません',
      dockerfile: 'FROM {image}（{name}）は信頼済みレジストリ（{trusted}）の外にあります。内容も公開元も検証されていません',
      via: '{via}={image}（{name}）は信頼済みレジストリ（{trusted}）の外にあります。内容も公開元も検証されていません',
    },
  },
  'plaintext-secret': {
    title: 'シークレットが平文で書かれています',
    messages: {
      default:
        '{container}は {name} を平文で設定しています。このファイルを読める人や docker inspect を実行できる人に見えます。Compose の secrets（{name}_FILE）か、管理対象外の .env からの ${{name}} を使ってください',
      arg: 'ARG {name} は認証情報のようです。ビルド引数はイメージの履歴に記録されます。代わりに RUN --mount=type=secret で渡してください',
      env: 'ENV {name} は認証情報をイメージに保存します。すべてのレイヤーと docker inspect で見えます。必要な RUN にだけ RUN --mount=type=secret で渡すか、コンテナの起動時に設定してください',
      copiedFile:
        '{name}={value} は、COPY がイメージに入れる認証情報ファイルを指しています。イメージを pull できる誰もが読めます。ファイルはコンテナの起動時にマウントするか、ビルド中は RUN --mount=type=secret を使ってください',
      copiedInto:
        'COPY は、{name} がツールに認証情報を読ませる場所にファイルを置きます。イメージを pull できる誰もが読めます。ファイルはコンテナの起動時にマウントするか、ビルド中は RUN --mount=type=secret を使ってください',
      devcontainer:
        '{container}は {name} を平文で設定しています。このファイルを読める人や docker inspect を実行できる人に見えます。代わりに ${localEnv:{name}} で自分の環境から渡してください',
      flag: '{container}はコマンドラインで {name} を平文で設定しています。このファイルや CI のログを読める人、docker inspect を実行できる人に見えます。環境から（-e {name}）か、管理対象外の --env-file で渡してください',
    },
  },
  'logging-disabled': {
    title: 'コンテナのログが無効です',
    messages: {
      default: '{container}はログを無効（driver none）にしています。インシデントの後に何をしたかの記録が残りません',
    },
  },
  'remote-script-piped-to-shell': {
    title: 'リモートのスクリプトをシェルに渡して実行しています',
    messages: {
      pipe: 'RUN がダウンロード（{download}）を {interpreter} にパイプしています。サーバーやネットワーク経路上の誰かが返した内容が、確認されないままビルド内で実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      substitution:
        'RUN がダウンロード（{download}）の出力を {interpreter} で実行しています。サーバーやネットワーク経路上の誰かが返した内容が、確認されないままビルド内で実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      scriptPipe:
        'このコマンドはダウンロード（{download}）を {interpreter} にパイプしています。サーバーやネットワーク経路上の誰かが返した内容が、確認されないままこのマシンで実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      scriptSubstitution:
        'このコマンドはダウンロード（{download}）の出力を {interpreter} で実行しています。サーバーやネットワーク経路上の誰かが返した内容が、確認されないままこのマシンで実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      hostPipe:
        'initializeCommand はホストで実行されます。このコマンドはダウンロード（{download}）を {interpreter} にパイプしているため、サーバーやネットワーク経路上の誰かが返した内容が、コンテナの外のあなた自身のマシンで確認されないまま実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      hostSubstitution:
        'initializeCommand はホストで実行されます。このコマンドはダウンロード（{download}）の出力を {interpreter} で実行しているため、サーバーやネットワーク経路上の誰かが返した内容が、コンテナの外のあなた自身のマシンで確認されないまま実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      devcontainerPipe:
        'このライフサイクルコマンドはダウンロード（{download}）を {interpreter} にパイプしています。サーバーやネットワーク経路上の誰かが返した内容が、ワークスペースと認証情報のある開発コンテナ内で確認されないまま実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      devcontainerSubstitution:
        'このライフサイクルコマンドはダウンロード（{download}）の出力を {interpreter} で実行しています。サーバーやネットワーク経路上の誰かが返した内容が、ワークスペースと認証情報のある開発コンテナ内で確認されないまま実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
    },
  },
  'insecure-download': {
    title: '平文の HTTP でダウンロードしています',
    messages: {
      default:
        '{command} は {url} を平文の HTTP でダウンロードしています。ネットワーク経路上の誰でも内容を読み、別の内容に差し替えられます。HTTPS を使ってください',
      add: 'ADD は {url} を平文の HTTP でダウンロードしています。ネットワーク経路上の誰でも内容を読み、別の内容に差し替えられます。HTTPS を使ってください',
      index:
        '{command} は {url} から平文の HTTP でパッケージをインストールします。ネットワーク経路上の誰でもインストールされるものを差し替えられます。HTTPS のインデックスを使ってください',
      indexEnv:
        '{name}={url} により pip は平文の HTTP でパッケージをインストールします。ネットワーク経路上の誰でもインストールされるものを差し替えられます。HTTPS のインデックスを使ってください',
      host: 'initializeCommand はホストで実行されます。{command} は {url} を平文の HTTP であなた自身のマシンにダウンロードするため、ネットワーク経路上の誰でも内容を読み、別の内容に差し替えられます。HTTPS を使ってください',
      fix: 'https:// を使う',
      fixIndex: 'https:// を使う（HTTP しか提供しないインデックスは使えなくなることがあります）',
    },
  },
  'tls-verification-disabled': {
    title: 'TLS 証明書の検証が無効です',
    messages: {
      flag: '{flag} は {command} の証明書の検証を無効にします。ネットワーク経路上の誰でもサーバーになりすまし、ビルドがダウンロードするものを差し替えられます',
      signature:
        '{flag} は {command} のパッケージ署名の確認を無効にします。ミラーや通信経路で改ざんされたパッケージが本物としてインストールされます',
      config:
        '{command} は以降のすべてのコマンドで TLS 証明書の検証を無効にします。ネットワーク経路上の誰でもサーバーになりすまし、ビルドがダウンロードするものを差し替えられます',
      signatureConfig:
        '{command} は以降のすべてのインストールでパッケージ署名の確認を無効にします。ミラーや通信経路で改ざんされたパッケージが本物としてインストールされます',
      aptTrusted:
        'この apt ソースは [trusted=yes] なので、パッケージは署名を確認せずにインストールされます。{url} を配信または改ざんできる人が、ビルドでインストールされるものを決められます',
      env: 'ENV {name}={value} は {tool} の TLS 証明書の検証を、ビルドの以降のすべてのコマンドと実行中のコンテナで無効にします。ネットワーク経路上の誰でも通信先のサーバーになりすませます',
      arg: 'ARG {name}={value} は {tool} の TLS 証明書の検証を、このビルド引数を持つ以降のすべての RUN で無効にします。ネットワーク経路上の誰でもビルドの通信先のサーバーになりすませます',
      prefix:
        '{name}={value} は {command} での {tool} の TLS 証明書の検証を無効にします。ネットワーク経路上の誰でも通信先のサーバーになりすませます',
      export:
        'export {name}={value} はこのスクリプトの以降のすべてのコマンドで {tool} の TLS 証明書の検証を無効にします。ネットワーク経路上の誰でも通信先のサーバーになりすませます',
      compose:
        '{container}は {name}={value} を設定しており、コンテナ内の {tool} の TLS 証明書の検証が無効になります。ネットワーク経路上の誰でも通信先のサーバーになりすませます',
      fix: '{flag} を削除する（有効な証明書や署名のないサーバーやパッケージでは、ビルドが失敗することがあります）',
      fixSignature: '{flag} を削除する（署名のないパッケージのインストールが再び失敗することがあります）',
      fixEnv: '{name}={value} を削除する（証明書が信頼されない環境では再び接続に失敗することがあります）',
      scriptFlag:
        '{flag} は {command} の証明書の検証を無効にします。ネットワーク経路上の誰でもサーバーになりすまし、このコマンドがダウンロードするものを差し替えられます',
      scriptConfig:
        '{command} は以降のすべてのコマンドで TLS 証明書の検証を無効にします。ネットワーク経路上の誰でも通信先のサーバーになりすませます',
      hostFlag:
        'initializeCommand はホストで実行されます。{flag} はあなた自身のマシンでの {command} の証明書の検証を無効にするため、ネットワーク経路上の誰でもサーバーになりすまし、ダウンロードするものを差し替えられます',
      hostConfig:
        'initializeCommand はホストで実行されます。{command} はあなた自身のマシンで以降のすべてのコマンドの TLS 証明書の検証を無効にするため、ネットワーク経路上の誰でも通信先のサーバーになりすませます',
    },
  },
  'sudo-in-run': {
    title: 'RUN で sudo を使っています',
    messages: {
      default:
        'RUN で sudo を使っています。ビルドの各ステップはすでに現在の USER で動くため、sudo は setuid root のバイナリをイメージに残し、権限の切り替えを見えにくくするだけです。ユーザーの切り替えには USER を使ってください',
    },
  },
  'add-remote-url': {
    title: 'ADD でリモートの URL をチェックサムなしで取得しています',
    messages: {
      default:
        'ADD は {url} を --checksum なしでダウンロードしています。サーバーが返したものを何でも信頼してしまいます。--checksum=sha256:<digest> で固定してください',
    },
  },
  'expose-ssh': {
    title: 'SSH のポートを公開しています',
    messages: {
      default:
        'イメージはポート 22（SSH）を公開しています。コンテナ内の SSH サーバーはパッチを当てるべきサービスと管理すべき鍵を増やします。アクセスには docker exec を使ってください',
    },
  },
  'analysis-limit': {
    title: '上限に達したため、ファイルの一部を解析しませんでした',
    messages: {
      runTooLong: 'この RUN のスクリプトは {size} KB あり、Dockwarden が解析する {max} KB を超えています。中のコマンドは検査していません',
      runBudget:
        'この RUN のスクリプトは {size} KB あり、ファイル内の RUN のスクリプトが Dockwarden がファイルごとに解析する {max} KB を超えました。中のコマンドは検査していません',
      runTooDeep: 'この RUN のスクリプトはコマンドの入れ子が {max} 段を超えています。中のコマンドは検査していません',
      expansionTooLong:
        '{name} を展開すると {max} 文字を超えます（展開爆弾の可能性があります）。値は不明として扱うため、この値とそれを使う箇所は検査していません',
      dotenvLimit:
        '{file} の変数展開が Dockwarden の解析の上限を超えました（展開爆弾の可能性があります）。影響を受ける変数は不明として扱い、検査していません',
      expansionBudget:
        'このファイルの変数展開の結果が合計 {max} 文字を超えました。この値と、以降の変数を含む値は不明として扱い、検査していません',
    },
  },
};
