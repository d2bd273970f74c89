//! The architecture invariant for this crate: plain data in and out, so no LSP types and no
//! other bluecode crate among its dependencies (an integration layer maps types onto ours).

#[test]
fn depends_on_no_lsp_crate_and_no_other_bluecode_crate() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("own manifest");
    let parsed: toml::Table = toml::from_str(&manifest).expect("valid manifest");
    let dependencies = parsed["dependencies"]
        .as_table()
        .expect("a [dependencies] table");
    assert!(!dependencies.is_empty());
    for name in dependencies.keys() {
        assert!(
            !name.starts_with("bluecode") && !name.contains("lsp"),
            "bluecode-llm must not depend on `{name}`"
        );
    }
}
