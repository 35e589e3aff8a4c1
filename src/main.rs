mod cmd;

fn main() {
    // No backtraces or payloads (which could quote input) for users: one line and a request.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("blastradius: internal error{location}; please report it with the command you ran");
    }));
    std::process::exit(cmd::main());
}
