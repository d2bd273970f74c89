;;; bluecode-test.el --- the documented Emacs configurations, in emacs --batch  -*- lexical-binding: t -*-

;; BLUECODE_BIN=/path/to/bluecode emacs --batch -l editors/emacs/test/bluecode-test.el
;;
;; Loads editors/emacs/bluecode-eglot.el exactly as documented, opens a Python file where
;; input() reaches os.system, and checks through Eglot that the finding arrives (Flymake),
;; that hover explains it and that the code actions include Suppress and Verify. Then
;; loads bluecode-lsp-mode.el and checks the same finding arrives through lsp-mode.
;; Prints `emacs: N passed, M failed'.

(require 'cl-lib)
(require 'subr-x)

(defvar bluecode-test--passed 0)
(defvar bluecode-test--failed 0)
(defconst bluecode-test--dir
  (file-name-directory (directory-file-name (file-name-directory (or load-file-name buffer-file-name)))))
(defconst bluecode-test--bin (getenv "BLUECODE_BIN"))
(defconst bluecode-test--id "py.command-injection")
(defconst bluecode-test--timeout 20)

(defun bluecode-test--out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defmacro bluecode-test (name &rest body)
  (declare (indent 1))
  `(let ((started (float-time)))
     (condition-case err
         (progn ,@body
                (cl-incf bluecode-test--passed)
                (bluecode-test--out "ok - %s (%d ms)" ,name (* 1000 (- (float-time) started))))
       (error
        (cl-incf bluecode-test--failed)
        (bluecode-test--out "not ok - %s (%d ms)" ,name (* 1000 (- (float-time) started)))
        (bluecode-test--out "    %S" err)))))

(defun bluecode-test--wait (what pred)
  "Wait until PRED returns non-nil (processing server output); return its value."
  (let ((deadline (+ (float-time) bluecode-test--timeout)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (or value (error "Timed out waiting for %s" what))))

(defun bluecode-test--project ()
  "A temporary git project holding app.py; returns the file name."
  (let* ((root (make-temp-file "bluecode-emacs-" t))
         (file (expand-file-name "app.py" root)))
    (let ((default-directory root))
      (call-process "git" nil nil nil "init" "-q"))
    (with-temp-file (expand-file-name "bluecode.toml" root)
      (insert "min_severity = \"info\"\n"))
    (with-temp-file file
      (insert "import os\n\n\ndef run():\n    cmd = input(\"command: \")\n    os.system(cmd)\n"))
    file))

(unless (and bluecode-test--bin (file-executable-p bluecode-test--bin))
  (bluecode-test--out "BLUECODE_BIN must name the bluecode binary")
  (kill-emacs 2))

;; The documented configurations expect `bluecode' on exec-path.
(add-to-list 'exec-path (file-name-directory bluecode-test--bin))
(setenv "PATH" (concat (file-name-directory bluecode-test--bin) path-separator (getenv "PATH")))

;;; Eglot

(require 'eglot)
(require 'python)
(require 'flymake)
(load (expand-file-name "bluecode-eglot.el" bluecode-test--dir) nil t)

(defvar bluecode-test--buffer nil)

(bluecode-test "eglot: the documented entry is in eglot-server-programs"
  (let ((entry (cl-find-if (lambda (e) (and (listp (car e)) (memq 'python-mode (car e))))
                           eglot-server-programs)))
    (unless (equal (cdr entry) '("bluecode" "lsp"))
      (error "Entry for python-mode is %S" entry))))

(bluecode-test "eglot: the server starts for a Python file"
  (setq bluecode-test--buffer (find-file-noselect (bluecode-test--project)))
  (with-current-buffer bluecode-test--buffer
    (python-mode)
    (apply #'eglot (eglot--guess-contact))
    (bluecode-test--wait "eglot to connect" #'eglot-current-server)))

(defun bluecode-test--eglot-finding ()
  (with-current-buffer bluecode-test--buffer
    (flymake-start)
    (cl-find-if (lambda (d) (string-match-p "CWE-78" (flymake-diagnostic-text d)))
                (flymake-diagnostics))))

(bluecode-test "eglot: Flymake shows the CWE-78 finding on line 6"
  (let ((d (bluecode-test--wait "the finding" #'bluecode-test--eglot-finding)))
    (with-current-buffer bluecode-test--buffer
      (let ((line (line-number-at-pos (flymake-diagnostic-beg d))))
        (unless (= line 6) (error "Finding on line %d" line))))))

(bluecode-test "eglot: hover on the finding explains it"
  (with-current-buffer bluecode-test--buffer
    (goto-char (flymake-diagnostic-beg (bluecode-test--eglot-finding)))
    (let* ((answer (jsonrpc-request (eglot-current-server) :textDocument/hover
                                    (eglot--TextDocumentPositionParams)))
           (contents (plist-get answer :contents))
           (text (if (stringp contents) contents (format "%s" (plist-get contents :value)))))
      (unless (string-match-p "CWE-78" text) (error "Hover: %s" text)))))

(bluecode-test "eglot: code actions include Suppress and Verify in sandbox"
  (with-current-buffer bluecode-test--buffer
    (let* ((d (bluecode-test--eglot-finding))
           (actions (jsonrpc-request
                     (eglot-current-server) :textDocument/codeAction
                     (list :textDocument (eglot--TextDocumentIdentifier)
                           :range (list :start (eglot--pos-to-lsp-position (flymake-diagnostic-beg d))
                                        :end (eglot--pos-to-lsp-position (flymake-diagnostic-end d)))
                           :context (list :diagnostics
                                          (vconcat (mapcar (lambda (x) (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data x))))
                                                           (list d)))))))
           (titles (mapcar (lambda (a) (plist-get a :title)) actions)))
      (unless (cl-some (lambda (s) (string-prefix-p (concat "Suppress " bluecode-test--id) s)) titles)
        (error "No Suppress in %S" titles))
      (unless (member "Verify in sandbox" titles)
        (error "No Verify in sandbox in %S" titles)))))

(when (and bluecode-test--buffer (buffer-live-p bluecode-test--buffer))
  (with-current-buffer bluecode-test--buffer
    (when (eglot-current-server)
      (ignore-errors (eglot-shutdown (eglot-current-server)))))
  (kill-buffer bluecode-test--buffer))

;;; lsp-mode

(require 'lsp-mode)
(load (expand-file-name "bluecode-lsp-mode.el" bluecode-test--dir) nil t)

(bluecode-test "lsp-mode: the documented client is registered for Python"
  (let ((client (gethash 'bluecode lsp-clients)))
    (unless client (error "No bluecode client in lsp-clients"))
    (let ((buf (find-file-noselect (bluecode-test--project))))
      (unwind-protect
          (with-current-buffer buf
            (python-mode)
            (unless (funcall (lsp--client-activation-fn client) buffer-file-name 'python-mode)
              (error "The client does not activate for python-mode")))
        (kill-buffer buf)))))

(bluecode-test "lsp-mode: the finding arrives through lsp-mode"
  (setq lsp-auto-guess-root t
        lsp-enabled-clients '(bluecode)
        lsp-enable-file-watchers nil
        lsp-restart 'ignore
        lsp-keep-workspace-alive nil
        lsp-enable-snippet nil
        lsp-session-file (expand-file-name "lsp-session" (make-temp-file "lsp-" t)))
  (let* ((file (bluecode-test--project))
         (buf (find-file-noselect file)))
    (with-current-buffer buf
      (python-mode)
      (lsp)
      (bluecode-test--wait
       "lsp-mode diagnostics"
       (lambda ()
         (cl-some (lambda (d) (string-match-p "CWE-78" (or (lsp:diagnostic-message d) "")))
                  (gethash file (lsp-diagnostics t)))))
      (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces)))))
    (kill-buffer buf)))

(bluecode-test--out "emacs: %d passed, %d failed" bluecode-test--passed bluecode-test--failed)
(kill-emacs (if (zerop bluecode-test--failed) 0 1))

;;; bluecode-test.el ends here
