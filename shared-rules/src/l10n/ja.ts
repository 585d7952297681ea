import type { RuleTexts } from './index';

/** Japanese texts by rule id: every rule's title and every message id (checked by a test). */
export const ja: Record<string, RuleTexts> = {
  privileged: {
    title: 'コンテナが特権モードで動作します',
    messages: {
      default:
        'サービス「{service}」は privileged で動作します。すべてのケーパビリティとホストのデバイスを得るため、コンテナ内の root はホストの root と同じです',
      fix: 'privileged: true を削除する（ホストのデバイスやカーネル機能を必要とするサービス、例えば Docker-in-Docker が動かなくなることがあります）',
    },
  },
  'docker-socket-mount': {
    title: 'コンテナエンジンのソケットがコンテナにマウントされています',
    messages: {
      default:
        '{path} をマウントすると、サービス「{service}」がコンテナエンジンを完全に操作できます。特権コンテナを起動してホストを乗っ取れます',
      readOnly:
        '{path} をマウントすると、読み取り専用でもサービス「{service}」がコンテナエンジンを完全に操作できます（:ro は API を制限しません）。特権コンテナを起動してホストを乗っ取れます',
      directory:
        '{path} をマウントすると、その中のコンテナエンジンのソケットにサービス「{service}」がアクセスできます。特権コンテナを起動してホストを乗っ取れます',
      fix: '{path} のマウントを削除する（エンジンの API を使うサービス、例えばプロキシ、CI ランナー、監視ツールが動かなくなります）',
    },
  },
  'sensitive-host-mount': {
    title: 'ホストの重要なパスがコンテナにマウントされています',
    messages: {
      default:
        'サービス「{service}」はホストの {path} を書き込み可能でマウントしています。侵害されたコンテナがホストのファイルを書き換え、ホストを乗っ取れます',
      readOnly:
        'サービス「{service}」はホストの {path} を読み取り専用でマウントしています。ホストの秘密情報や設定を読み取れるため、必要なファイルだけをマウントしてください',
      fix: '{path} を読み取り専用でマウントする（そこに書き込むサービスが動かなくなることがあります）',
    },
  },
  'port-all-interfaces': {
    title: 'ポートがすべてのネットワークインターフェースに公開されています',
    messages: {
      default:
        'サービス「{service}」は {port} をホストのすべてのインターフェースに公開しています。ネットワークから到達でき、Docker のルールは ufw などのホストのファイアウォールを迂回します',
      randomPort:
        'サービス「{service}」はコンテナのポート {port} を、ホストのすべてのインターフェース上のランダムなポートに公開しています。ネットワークから到達でき、Docker のルールは ufw などのホストのファイアウォールを迂回します',
      fix: '127.0.0.1 にバインドする（ほかのマシンからはポートに到達できなくなります）',
      fixDefault:
        '{variable} の既定値を 127.0.0.1 にする（{variable} が設定されていない限り、ほかのマシンからはポートに到達できなくなります）',
    },
  },
  'docker-daemon-port': {
    title: 'Docker Engine API のポートが公開されています',
    messages: {
      default:
        'サービス「{service}」は Docker Engine API のポートであるホストのポート {port} を公開しています。到達できる者は誰でもコンテナを起動し、ホストを乗っ取れます',
    },
  },
  'host-network': {
    title: 'コンテナがホストのネットワークを共有しています',
    messages: {
      default:
        'サービス「{service}」は network_mode: host を使っています。ホストのネットワークスタックを共有し、ホストの localhost で待ち受けるサービスに到達でき、ネットワークの分離とポート公開の制御を迂回します',
    },
  },
  'network-none-suggested': {
    title: 'ネットワークが不要な信頼できないコンテナはネットワークなしにしてください',
    messages: {
      default:
        'サービス「{service}」は信頼済みレジストリ外のイメージ {image} を使い、ポートを公開していません。ネットワークが不要なら network_mode: none でネットワークへのアクセスを断てます',
      fix: 'network_mode: none を追加する（DNS を含むすべてのネットワークからサービスを切り離します）',
    },
  },
  'host-pid': {
    title: 'コンテナがホストの PID 名前空間を共有しています',
    messages: {
      default:
        'サービス「{service}」は pid: host を使っています。ホストのすべてのプロセスが見え、その環境変数やコマンドラインを読め、root ならシグナル送信やトレースもできます',
    },
  },
  'host-ipc': {
    title: 'コンテナがホストの IPC 名前空間を共有しています',
    messages: {
      default:
        'サービス「{service}」は ipc: host を使っています。ホストの共有メモリと IPC オブジェクトを共有するため、他のプロセスのデータを読み取ったり改ざんしたりできます',
    },
  },
  'host-uts': {
    title: 'コンテナがホストの UTS 名前空間を共有しています',
    messages: {
      default:
        'サービス「{service}」は uts: host を使っています。ホストのホスト名とドメイン名を共有し、root ならホスト全体のホスト名を変更できます',
    },
  },
  'host-userns': {
    title: 'コンテナがユーザー名前空間のリマップを無効にしています',
    messages: {
      default:
        'サービス「{service}」は userns_mode: host を使っています。デーモンのユーザー名前空間のリマップが無効になり、コンテナ内の root はホストの root と同じです',
      fix: 'userns_mode: host を削除する（デーモンがユーザーを再マッピングする環境では、ホストの root を必要とするサービスが動かなくなることがあります）',
    },
  },
  'root-user': {
    title: 'コンテナが root で動作します',
    messages: {
      default:
        'サービス「{service}」は root（user: {user}）で動作します。ユーザー名前空間が有効でない限り、コンテナから抜け出したプロセスはホストの root になります',
      build:
        'サービス「{service}」は root で動作します。user: が設定されておらず、Dockerfile {dockerfile} も root 以外の USER で終わっていません。user: を設定するか Dockerfile に USER を追加してください',
      noUser: 'イメージが root で動作します。{stage} に USER 命令がないため、コンテナから抜け出したプロセスはホストの root になります',
      rootUser:
        'イメージが root（USER {user}）で動作します。コンテナから抜け出したプロセスはホストの root になります。CMD の前で root 以外の USER に切り替えてください',
      buildWindows:
        'サービス「{service}」は ContainerAdministrator で動作します。user: を設定しておらず、Windows の Dockerfile {dockerfile} も管理者でない USER に切り替えていません。Dockerfile に USER ContainerUser を追加してください',
      windowsNoUser:
        'イメージはコンテナの管理者である ContainerAdministrator で動作します。{stage} に USER 命令がなく、Windows のベースイメージは管理者として起動するため、どのプロセスもシステムファイルやサービスを変更できます。CMD の前で USER ContainerUser に切り替えてください',
      windowsAdmin:
        'イメージはコンテナの管理者（USER {user}）で動作します。どのプロセスもシステムファイルやサービスを変更できます。CMD の前で USER ContainerUser に切り替えてください',
      fixWindows:
        'USER ContainerUser を追加する（IIS や Windows サービスなど、管理者権限を必要とするプロセスが動かなくなることがあります）',
      fix: 'USER 10001 を追加する（root 所有のファイルに書き込むプロセスや 1024 未満のポートで待ち受けるプロセスが動かなくなることがあります）',
    },
  },
  'cap-add-dangerous': {
    title: '危険な Linux ケーパビリティが追加されています',
    messages: {
      all: 'サービス「{service}」はすべてのケーパビリティ（{cap}）を追加しています。privileged: true とほぼ同等の権限です',
      sysAdmin:
        'サービス「{service}」は {cap} を追加しています。ファイルシステムのマウントなど多くの管理操作が可能になり、コンテナエスケープの典型的な経路です',
      sysPtrace: 'サービス「{service}」は {cap} を追加しています。見えている他のプロセスをトレースし、コードを注入できます',
      sysModule: 'サービス「{service}」は {cap} を追加しています。カーネルモジュールをロードでき、ホストのカーネルでコードを実行できます',
      dacReadSearch:
        'サービス「{service}」は {cap} を追加しています。任意のファイルを読め、ハンドル経由でホストのファイルを開けるため、コンテナエスケープに悪用されたことがあります',
      netAdmin:
        'サービス「{service}」は {cap} を追加しています。インターフェース、ルーティング、ファイアウォールのルールを変更でき、通信の盗聴や転送ができます',
      sysRawio: 'サービス「{service}」は {cap} を追加しています。ホストのデバイスと I/O ポートへの生のアクセスを与えます',
      bpf: 'サービス「{service}」は {cap} を追加しています。ホストのカーネルに eBPF プログラムをロードし、カーネルメモリを読めます',
      perfmon: 'サービス「{service}」は {cap} を追加しています。perf と eBPF でホストのプロセスとカーネルを監視できます',
    },
  },
  'cap-drop-missing': {
    title: 'ケーパビリティが削除されていません',
    messages: {
      default:
        'サービス「{service}」は Docker の既定のケーパビリティ（NET_RAW、SETUID、DAC_OVERRIDE など）を保持しています。cap_drop: [ALL] ですべて削除し、必要なものだけを追加してください',
      partial:
        'サービス「{service}」は一部のケーパビリティしか削除していません。ALL を含まない cap_drop では Docker の既定の残りが保持されます。ALL を削除し、必要なものだけを追加してください',
      fix: 'cap_drop: [ALL] を追加する（起動時にファイルの所有者やユーザーを変更するサービス、例えばデータベースが起動しなくなることがあります）',
    },
  },
  'no-new-privileges-missing': {
    title: 'no-new-privileges が設定されていません',
    messages: {
      default:
        'サービス「{service}」は no-new-privileges を設定していません。コンテナ内のプロセスが su や sudo などの setuid バイナリで権限を昇格できます',
      fix: 'security_opt: [no-new-privileges:true] を追加する',
    },
  },
  'seccomp-disabled': {
    title: 'seccomp プロファイルが無効です',
    messages: {
      default:
        'サービス「{service}」は {option} を設定しています。seccomp フィルターが無効になり、カーネルの脆弱性の悪用やコンテナエスケープに使われるものを含め、すべてのシステムコールを呼び出せます',
      fix: '{option} を削除する（ブロックされたシステムコールを必要とするサービス、例えばブラウザーのサンドボックスやデバッガーが動かなくなることがあります）',
    },
  },
  'apparmor-disabled': {
    title: 'AppArmor プロファイルが無効です',
    messages: {
      default:
        'サービス「{service}」は {option} を設定しています。/proc や /sys への書き込みやファイルシステムのマウントを防ぐ AppArmor プロファイルが無効になります',
      fix: '{option} を削除する（ファイルシステムをマウントしたりプロセスをトレースしたりするサービスが動かなくなることがあります）',
    },
  },
  'selinux-disabled': {
    title: 'SELinux のラベリングが無効です',
    messages: {
      default:
        'サービス「{service}」は {option} を設定しています。SELinux による分離が無効になり、到達できるホストのファイルや他のコンテナから隔離されません',
      fix: '{option} を削除する（SELinux のホストでは、サービスがバインドマウントを読めなくなることがあります）',
    },
  },
  'read-only-rootfs-missing': {
    title: 'ルートファイルシステムが書き込み可能です',
    messages: {
      default:
        'サービス「{service}」のルートファイルシステムは書き込み可能です。侵入者がツールを置いたりファイルを改ざんしたりできます。read_only: true を設定し、書き込みが必要な場所には tmpfs かボリュームをマウントしてください',
      fix: 'read_only: true を設定する（自身のファイルシステムに書き込むサービスが起動しなくなることがあります）',
    },
  },
  'host-devices': {
    title: 'ホストのデバイスがコンテナにマッピングされています',
    messages: {
      default:
        'サービス「{service}」はホストのデバイス {device} をコンテナにマッピングしています。デバイスを直接読み書きできるため、本当に必要か確認し、最小限のアクセス（:r など）にしてください',
    },
  },
  'mount-propagation-shared': {
    title: '共有伝播のバインドマウントがあります',
    messages: {
      default:
        'サービス「{service}」は {path} を {propagation} 伝播でバインドマウントしています。コンテナ内で行ったマウントがホストに現れます。伝播が本当に必要でなければ既定（rprivate）を使ってください',
    },
  },
  'pids-limit-missing': {
    title: 'プロセス数の制限がありません（フォーク爆弾対策）',
    messages: {
      default:
        'サービス「{service}」にはプロセス数の制限がありません。フォーク爆弾でホストのプロセステーブルが枯渇し、ホストが停止するおそれがあります',
      unlimited:
        'サービス「{service}」はプロセス数の制限を {value}（無制限）にしています。フォーク爆弾でホストのプロセステーブルが枯渇するおそれがあります',
      fix: 'pids_limit: 200 を設定する（200 を超えるプロセスやスレッドを使うサービスが動かなくなることがあります）',
      fixDeploy: 'deploy.resources.limits.pids: 200 を設定する（200 を超えるプロセスやスレッドを使うサービスが動かなくなることがあります）',
    },
  },
  'memory-limit-missing': {
    title: 'メモリの制限がありません',
    messages: {
      default:
        'サービス「{service}」にはメモリの制限がありません。メモリリークや攻撃でホストのメモリを使い切り、他のコンテナを圧迫するおそれがあります',
      fix: 'mem_limit: 512m を追加する（より多くのメモリーを必要とするサービスは強制終了されることがあります）',
    },
  },
  'cpu-limit-missing': {
    title: 'CPU の制限がありません',
    messages: {
      default:
        'サービス「{service}」には CPU の制限がありません。暴走したプロセスや侵害されたプロセス（暗号資産のマイニングなど）がホストのすべてのコアを占有するおそれがあります',
      fix: 'cpus: 1.0 を追加する（1 コアより多くを必要とするサービスが遅くなることがあります）',
    },
  },
  'image-unpinned': {
    title: 'イメージのバージョンが固定されていません',
    messages: {
      default:
        'サービス「{service}」はタグのないイメージ {image}（latest と同じ）を使っています。pull のたびに未確認の別のイメージになるおそれがあります。バージョンタグかダイジェストで固定してください',
      latest:
        'サービス「{service}」は latest タグのイメージ {image} を使っています。pull のたびに未確認の別のイメージになるおそれがあります。バージョンタグかダイジェストで固定してください',
      dockerfile:
        'FROM {image} にタグがありません（latest と同じ）。ビルドのたびに未確認の別のイメージから始まるおそれがあります。バージョンタグかダイジェストで固定してください',
      dockerfileLatest:
        'FROM {image} は latest タグを使っています。ビルドのたびに未確認の別のイメージから始まるおそれがあります。バージョンタグかダイジェストで固定してください',
    },
  },
  'image-no-digest': {
    title: 'イメージがダイジェストで固定されていません',
    messages: {
      default:
        'サービス「{service}」はイメージ {image} をタグだけで指定しています。タグは別のイメージに付け替えられるため、確認したものを確実に実行するにはダイジェスト（{image}@sha256:...）で固定してください',
      dockerfile:
        'FROM {image} はタグだけで指定しています。タグは別のイメージに付け替えられるため、確認したものから確実にビルドするにはダイジェスト（{image}@sha256:...）で固定してください',
    },
  },
  'untrusted-registry': {
    title: '信頼されていないレジストリのイメージです',
    messages: {
      default:
        'サービス「{service}」のイメージ {image}（{name}）は信頼済みレジストリ（{trusted}）の外にあります。内容も公開元も検証されていません',
      dockerfile: 'FROM {image}（{name}）は信頼済みレジストリ（{trusted}）の外にあります。内容も公開元も検証されていません',
    },
  },
  'plaintext-secret': {
    title: 'シークレットが平文で書かれています',
    messages: {
      default:
        'サービス「{service}」は {name} を平文で設定しています。このファイルを読める人や docker inspect を実行できる人に見えます。Compose の secrets（{name}_FILE）か、管理対象外の .env からの ${{name}} を使ってください',
      arg: 'ARG {name} は認証情報のようです。ビルド引数はイメージの履歴に記録されます。代わりに RUN --mount=type=secret で渡してください',
      env: 'ENV {name} は認証情報をイメージに保存します。すべてのレイヤーと docker inspect で見えます。ビルドシークレットを使うか、実行時に設定してください',
    },
  },
  'logging-disabled': {
    title: 'コンテナのログが無効です',
    messages: {
      default: 'サービス「{service}」はログを無効（driver none）にしています。インシデントの後に何をしたかの記録が残りません',
    },
  },
  'remote-script-piped-to-shell': {
    title: 'リモートのスクリプトをシェルに渡して実行しています',
    messages: {
      pipe: 'RUN がダウンロード（{download}）を {interpreter} にパイプしています。サーバーやネットワーク経路上の誰かが返した内容が、確認されないままビルド内で実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
      substitution:
        'RUN がダウンロード（{download}）の出力を {interpreter} で実行しています。サーバーやネットワーク経路上の誰かが返した内容が、確認されないままビルド内で実行されます。ファイルに保存し、チェックサムを検証してから実行してください',
    },
  },
  'insecure-download': {
    title: '平文の HTTP でダウンロードしています',
    messages: {
      default:
        '{command} は {url} を平文の HTTP でダウンロードしています。ネットワーク経路上の誰でも内容を読み、別の内容に差し替えられます。HTTPS を使ってください',
      add: 'ADD は {url} を平文の HTTP でダウンロードしています。ネットワーク経路上の誰でも内容を読み、別の内容に差し替えられます。HTTPS を使ってください',
      fix: 'https:// を使う',
    },
  },
  'tls-verification-disabled': {
    title: 'TLS 証明書の検証が無効です',
    messages: {
      flag: '{flag} は {command} の証明書の検証を無効にします。ネットワーク経路上の誰でもサーバーになりすまし、ビルドがダウンロードするものを差し替えられます',
      config:
        '{command} は以降のすべてのコマンドで TLS 証明書の検証を無効にします。ネットワーク経路上の誰でもサーバーになりすまし、ビルドがダウンロードするものを差し替えられます',
      env: 'ENV {name} はビルドの以降のすべてのコマンドと実行中のコンテナで TLS 証明書の検証を無効にします。ネットワーク経路上の誰でも通信先のサーバーになりすませます',
      fix: '{flag} を削除する（有効な証明書や署名のないサーバーやパッケージでは、ビルドが失敗することがあります）',
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
};
