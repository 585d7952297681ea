;;; test.el --- Emacs (Debian emacs-nox 28 + elpa-eglot 1.9) against dockwarden-language-server --stdio  -*- lexical-binding: t -*-
;; Diagnostics arrive through Flymake, a quick fix is applied and the file is saved.
;; Usage: DW_SERVER=/abs/bin/dockwarden-language-server.js DW_FILE=/abs/docker-compose.yml \
;;        emacs -Q --batch -l test.el
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

(define-derived-mode dw-compose-mode prog-mode "Compose")

(condition-case err
    (progn
      (unless (and dw-server dw-file) (dw-exit 3 "DW_SERVER and DW_FILE must be set"))
      (find-file dw-file)
      (dw-compose-mode)
      (setq-local eglot-stay-out-of '())
      ;; `eglot-ensure' never connects in batch mode; connect directly.
      (eglot--connect '(dw-compose-mode) (cons 'transient (file-name-directory dw-file))
                      'eglot-lsp-server (list "node" dw-server "--stdio") "dockercompose")
      (dw-wait "managed by eglot" (lambda () eglot--managed-mode))
      (flymake-mode 1)
      (flymake-start)
      (let* ((sock (dw-wait "docker-socket-mount via flymake"
                            (lambda () (flymake-start) (dw-diag "docker-socket-mount"))))
             (beg (flymake-diagnostic-beg sock))
             (end (flymake-diagnostic-end sock)))
        (unless (eq (flymake-diagnostic-type sock) 'eglot-error)
          (dw-exit 1 (format "FAIL: docker-socket-mount is %s, not an error" (flymake-diagnostic-type sock))))
        (unless (string-match-p "/var/run/docker\\.sock" (buffer-substring beg end))
          (dw-exit 1 (format "FAIL: diagnostic range covers %S" (buffer-substring beg end))))
        (let* ((actions (eglot-code-actions beg end "quickfix"))
               (fix (seq-find (lambda (a) (and (plist-get a :edit)
                                               (not (string-match-p "[Ii]gnore" (plist-get a :title)))))
                              actions)))
          (unless fix (dw-exit 1 (format "FAIL: no quick fix with an edit: %S" actions)))
          (dw-log "applying %S" (plist-get fix :title))
          (eglot--apply-workspace-edit (plist-get fix :edit))
          (save-buffer)
          (dw-wait "docker-socket-mount cleared"
                   (lambda () (flymake-start) (and (dw-diag "pids-limit-missing") (not (dw-diag "docker-socket-mount")))))
          (let ((text (with-temp-buffer (insert-file-contents dw-file) (buffer-string))))
            (when (string-match-p "docker\\.sock" text) (dw-exit 1 (format "FAIL: mount still on disk:\n%s" text)))
            (unless (string-match-p "\\./data:/data" text) (dw-exit 1 (format "FAIL: other mount lost:\n%s" text)))
            (dw-exit 0 "PASS")))))
  (error (dw-exit 3 (format "FAIL: %S" err))))
