//! A plugin host on its own: `nianbao-plugin-host __nianbao-plugin-host LIBRARY`, started by
//! a tool whose [`nianbao_plugins::HostCommand`] names this program. The `nianbao` command
//! line is its own plugin host and does not need it; the tests and benches of this crate do.

fn main() {
    nianbao_plugins::run_host_if_requested();
    eprintln!(
        "nianbao-plugin-host serves one nianbao plugin for a tool that starts it; it is not run by hand"
    );
    std::process::exit(2);
}
