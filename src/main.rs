fn main() {
    std::process::exit(blastradius::run::main());
}
