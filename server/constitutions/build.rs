//! Rebuild when a built-in constitution file is added, changed or removed: they are
//! embedded with `include_dir!`, which tracks file contents but not new files.
fn main() {
    println!("cargo:rerun-if-changed=../../constitutions");
}
