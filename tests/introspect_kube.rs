//! A Kubernetes token is only ever sent to the server of its own kubeconfig (#17 item 5):
//! `reach` paths are relative to the workspace, and resolving one against the current
//! directory once sent the token's TLS handshake to another cluster. The token is fake.

use assert_cmd::Command;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A loopback listener that counts and drops every connection; returns its port.
fn counting_listener() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&connections);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (port, connections)
}

fn kubeconfig(dir: &Path, port: u16) {
    let text = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: own\n  cluster:\n    server: https://127.0.0.1:{port}\n\
         contexts:\n- name: own\n  context:\n    cluster: own\n    user: ci\ncurrent-context: own\n\
         users:\n- name: ci\n  user:\n    token: Zq8Xv3Lm1Rt7Kp2Wn9Bc4Hd6Tq\n"
    );
    std::fs::create_dir_all(dir.join("kube")).unwrap();
    std::fs::write(dir.join("kube/config"), text).unwrap();
}

#[test]
fn a_kubernetes_token_goes_only_to_its_own_kubeconfig_server() {
    let (own_port, own) = counting_listener();
    let (other_port, other) = counting_listener();
    let dir = tempfile::tempdir().unwrap();
    let (workspace, cwd, home) = (dir.path().join("w"), dir.path().join("cwd"), dir.path().join("home"));
    kubeconfig(&workspace, own_port);
    kubeconfig(&cwd, other_port);
    std::fs::create_dir_all(&home).unwrap();
    let out = Command::cargo_bin("blastradius")
        .unwrap()
        .current_dir(&cwd)
        .args(["reach", "--format", "json", "--fail-on", "none", "--quiet", "--no-env", "--no-history"])
        .args(["--no-git-history", "--introspect", "--introspect-timeout", "5"])
        .arg("--home")
        .arg(&home)
        .arg("--workspace")
        .arg(&workspace)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("kubernetes-kubeconfig-token"), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(other.load(Ordering::SeqCst), 0, "the other kubeconfig's server got a connection");
    assert!(own.load(Ordering::SeqCst) >= 1, "the token's own server was never asked: {stdout}");
}
