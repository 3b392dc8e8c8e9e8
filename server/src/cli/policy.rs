//! `atelier policy lint`: check a role policy file before deploying it.

use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum PolicyCommand {
    /// Report every error and warning of a policy file (default: the built-in policy/roles.toml);
    /// exits with status 1 on errors.
    Lint { file: Option<std::path::PathBuf> },
}

pub(super) fn lint(file: Option<&std::path::Path>) -> Result<(), String> {
    let (name, text) = match file {
        Some(path) => {
            (path.display().to_string(), std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => ("built-in policy/roles.toml".to_owned(), services::state::SHIPPED_POLICY.to_owned()),
    };
    let (policy, issues) = domain::Policy::lint(&text);
    for issue in &issues {
        println!("{issue}");
    }
    let errors = issues.iter().filter(|i| i.is_error()).count();
    if errors > 0 || policy.is_none() {
        let known: Vec<&str> = domain::Permission::ALL.iter().map(|p| p.name()).collect();
        println!("known permissions: {}", known.join(", "));
        return Err(format!("{name}: {errors} error(s)"));
    }
    println!("{name}: OK ({} warning(s))", issues.len());
    Ok(())
}
