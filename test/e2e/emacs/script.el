;;; script.el --- Emacs (Debian emacs-nox 28 + elpa-eglot 1.9) on a shell script  -*- lexical-binding: t -*-
;; An extensionless file with a bash shebang opens in sh-mode; eglot sends the language id "sh" (the mode's name).
;; --privileged arrives through Flymake on the right text, the --pids-limit quick fix is applied and saved, and the
;; saved script is still valid bash.
;; Usage: DW_SERVER=/abs/bin/dockwarden-language-server.js DW_FILE=/abs/bin/deploy emacs -Q --batch -l script.el
;; Exit status: 0 pass, 1 assertion failed, 2 timeout, 3 error.
(require 'package)
;; -Q skips Debian's site start-up: point package.el at the system-wide elpa-* packages (eglot, project, xref).
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)

(defvar dw-server (getenv "DW_SERVER"))
(defvar dw-file (getenv "DW_FILE"))
(defvar dw-t0 (float-time))
(defvar dw-step-timeout (/ (string-to-number (or (getenv "DW_STEP_TIMEOUT_MS") "15000")) 1000.0))

(defun dw-log (fmt &rest args)
  (message "[emacs %5dms] %s" (round (* 1000 (- (float-time) dw-t0))) (apply #'format fmt args)))

(defun dw-exit (code msg)
  (dw-log "%s (exit %d)" msg code)
  (ignore-errors (let ((s (eglot-current-server))) (when s (eglot-shutdown s))))
  (kill-emacs code))

(defun dw-wait (what pred)
  "Wait up to `dw-step-timeout' seconds for PRED while the server's output is processed."
  (let ((deadline (+ (float-time) dw-step-timeout)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless v (dw-exit 2 (format "FAIL: timeout waiting for %s" what)))
    (dw-log "%s" what)
    v))

(defun dw-diag (id)
  "The Flymake diagnostic whose text carries rule ID (eglot writes \"source [code]: message\")."
  (seq-find (lambda (d) (string-match-p (regexp-quote (format "[%s]" id)) (flymake-diagnostic-text d)))
            (flymake-diagnostics)))

;; The fixture folder is no VC checkout: make it a project so eglot finds its server for the buffer.
(add-hook 'project-find-functions (lambda (_dir) (cons 'transient (file-name-directory dw-file))))

(condition-case err
    (progn
      (unless (and dw-server dw-file) (dw-exit 3 "DW_SERVER and DW_FILE must be set"))
      (find-file dw-file)
      (unless (eq major-mode 'sh-mode) (dw-exit 1 (format "FAIL: the script opened in %s, not sh-mode" major-mode)))
      (setq-local eglot-stay-out-of '())
      ;; Only Dockwarden's diagnostics (sh-mode may add a shellcheck backend).
      (setq-local flymake-diagnostic-functions '())
      ;; `eglot-ensure' never connects in batch mode; connect directly, with the id eglot derives from sh-mode.
      (eglot--connect '(sh-mode) (cons 'transient (file-name-directory dw-file))
                      'eglot-lsp-server (list "node" dw-server "--stdio") "sh")
      (dw-wait "managed by eglot" (lambda () eglot--managed-mode))
      (flymake-mode 1)
      (flymake-start)
      (let* ((priv (dw-wait "privileged via flymake" (lambda () (flymake-start) (dw-diag "privileged"))))
             (pids (dw-wait "pids-limit-missing via flymake" (lambda () (flymake-start) (dw-diag "pids-limit-missing")))))
        (unless (eq (flymake-diagnostic-type priv) 'eglot-error)
          (dw-exit 1 (format "FAIL: privileged is %s, not an error" (flymake-diagnostic-type priv))))
        ;; The range covers exactly the flag: UTF-16 columns after "起動 🚀" turned into buffer positions.
        (let ((covered (buffer-substring (flymake-diagnostic-beg priv) (flymake-diagnostic-end priv))))
          (unless (equal covered "--privileged") (dw-exit 1 (format "FAIL: privileged covers %S" covered))))
        (let* ((actions (eglot-code-actions (flymake-diagnostic-beg pids) (flymake-diagnostic-end pids) "quickfix"))
               (fix (seq-find (lambda (a) (and (plist-get a :edit)
                                               (string-match-p "--pids-limit 200" (plist-get a :title))))
                              actions)))
          (unless fix (dw-exit 1 (format "FAIL: no --pids-limit quick fix: %S" actions)))
          (dw-log "applying %S" (plist-get fix :title))
          (eglot--apply-workspace-edit (plist-get fix :edit))
          (save-buffer)
          (dw-wait "pids-limit-missing cleared"
                   (lambda () (flymake-start) (and (dw-diag "privileged") (not (dw-diag "pids-limit-missing")))))
          (let ((text (with-temp-buffer (insert-file-contents dw-file) (buffer-string))))
            (unless (string-match-p (regexp-quote "docker run --pids-limit 200 -d --privileged \\\n") text)
              (dw-exit 1 (format "FAIL: the flag is not right after the subcommand:\n%s" text)))
            (unless (eq 0 (call-process "bash" nil nil nil "-n" dw-file))
              (dw-exit 1 (format "FAIL: bash -n rejects the fixed script:\n%s" text)))
            (dw-exit 0 "PASS")))))
  (error (dw-exit 3 (format "FAIL: %S" err))))
