//! Running the binary where mode-000 directories really are unreadable.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The binary, run as `nobody` when we are root (root reads mode-000 directories): a
/// copy in `dir`, made world-traversable with its ancestors, started through setpriv.
pub fn unprivileged(dir: &Path) -> std::process::Command {
    let bin = assert_cmd::cargo::cargo_bin("blastradius");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return std::process::Command::new(bin);
    }
    let mut up = Some(dir);
    while let Some(d) = up.filter(|d| *d != Path::new("/")) {
        let mode = std::fs::metadata(d).unwrap().permissions().mode();
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o711)).unwrap();
        up = d.parent();
    }
    let copy = dir.join("blastradius-unprivileged");
    std::fs::copy(&bin, &copy).unwrap();
    let mut cmd = std::process::Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(copy).env("RUST_BACKTRACE", "1");
    cmd
}
