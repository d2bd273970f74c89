;;; bluecode-eglot.el --- bluecode with Eglot  -*- lexical-binding: t -*-

;; Copy into your init file (or `load' this file). Needs the `bluecode' binary on
;; `exec-path'. Eglot runs one server per major mode, so these modes use bluecode
;; instead of another language server while this entry is first in the list.

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((python-mode python-ts-mode
                  js-mode js-ts-mode typescript-mode typescript-ts-mode tsx-ts-mode
                  go-mode go-ts-mode java-mode java-ts-mode
                  c-mode c-ts-mode c++-mode c++-ts-mode)
                 . ("bluecode" "lsp"))))

;; Optional settings (camelCase, as in `bluecode config schema'); keys left out come
;; from the project's bluecode.toml. Eglot 1.9 (Emacs 28) takes this alist form;
;; Emacs 29+ also accepts (:bluecode (:minSeverity "warning")).
;; (setq-default eglot-workspace-configuration
;;               '((:bluecode . (:minSeverity "warning"))))

;;; bluecode-eglot.el ends here
