//! The registry-free image build through the engine API: a ready tar file, and a whole
//! debootstrap root filesystem directory (the `bluecode sandbox build-image` path), timed.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use bluecode_sandbox::{Engine, RootfsSource, SandboxSettings, build_image, doctor, image_id};
use common::docker_enabled;

fn remove_image(image: &str) {
    let _ = std::process::Command::new("docker")
        .args(["rmi", "-f", image])
        .output();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tar_file_is_imported_as_an_image() {
    if !docker_enabled("a_tar_file_is_imported_as_an_image") {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let tar_path = dir.path().join("rootfs.tar");
    {
        let file = std::fs::File::create(&tar_path).unwrap_or_else(|e| panic!("{e}"));
        let mut builder = tar::Builder::new(file);
        let content = b"imported by bluecode-sandbox's test\n";
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder
            .append_data(&mut header, "etc/bluecode-test", &content[..])
            .unwrap_or_else(|e| panic!("{e}"));
        builder.finish().unwrap_or_else(|e| panic!("{e}"));
    }
    let image = "bluecode-sandbox:tar-import-test";
    remove_image(image);
    let engine = Engine::connect(&SandboxSettings::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let report = build_image(&engine, &RootfsSource::TarFile(tar_path), image).await;
    let present = image_id(&engine, image).await.ok().flatten();
    remove_image(image);
    let report = report.unwrap_or_else(|e| panic!("{e}"));
    assert!(report.id.starts_with("sha256:"), "{report:?}");
    assert!(present.is_some());

    let missing = build_image(
        &engine,
        &RootfsSource::Directory(dir.path().join("nope")),
        image,
    )
    .await;
    assert!(missing.is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_debootstrap_directory_becomes_a_working_sandbox_image() {
    if !docker_enabled("a_debootstrap_directory_becomes_a_working_sandbox_image") {
        return;
    }
    let rootfs = std::env::var("BLUECODE_SANDBOX_ROOTFS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| common::tools_dir().join("docker/rootfs"));
    if !rootfs.join("usr/bin/python3").exists() {
        eprintln!(
            "SKIPPED a_debootstrap_directory_becomes_a_working_sandbox_image: no root filesystem at {} (made by .ci/docker-up.sh)",
            rootfs.display()
        );
        return;
    }
    let image = "bluecode-sandbox:directory-import-test";
    remove_image(image);
    let engine = Engine::connect(&SandboxSettings::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let report = build_image(&engine, &RootfsSource::Directory(rootfs), image).await;
    let elapsed = started.elapsed();
    let checked = doctor(&SandboxSettings {
        image: image.into(),
        ..SandboxSettings::default()
    })
    .await;
    remove_image(image);
    let report = report.unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "MEASURED image import from a directory: {:.1} s, {} MB",
        elapsed.as_secs_f64(),
        report.size / 1_000_000
    );
    assert!(checked.is_ready(), "{checked:?}");
}
