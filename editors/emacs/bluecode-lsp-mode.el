;;; bluecode-lsp-mode.el --- bluecode with lsp-mode  -*- lexical-binding: t -*-

;; Copy into your init file (or `load' this file). Needs the `bluecode' binary on
;; `exec-path'. `:add-on? t' lets bluecode run next to the language's main server.

(with-eval-after-load 'lsp-mode
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection '("bluecode" "lsp"))
    :activation-fn (lsp-activate-on "python" "javascript" "javascriptreact" "typescript"
                                    "typescriptreact" "go" "java" "c" "cpp")
    :server-id 'bluecode
    :add-on? t
    :priority -1
    ;; Settings (camelCase, as in `bluecode config schema'); the rest comes from
    ;; the project's bluecode.toml.
    :initialization-options (lambda () (list :minSeverity "info")))))

;;; bluecode-lsp-mode.el ends here
