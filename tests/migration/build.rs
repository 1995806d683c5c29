//! Turns the backend URLs into `cfg`s, so a test on a backend without a URL
//! is reported as ignored (with the variable to set) rather than as passed.

const BACKENDS: [(&str, &str); 2] = [
    ("HOOKS_TEST_POSTGRES", "postgres"),
    ("HOOKS_TEST_MYSQL", "mysql"),
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(hooks_test_backend, values(\"postgres\", \"mysql\"))");
    for (var, backend) in BACKENDS {
        println!("cargo::rerun-if-env-changed={var}");
        if std::env::var_os(var).is_some_and(|url| !url.is_empty()) {
            println!("cargo::rustc-cfg=hooks_test_backend=\"{backend}\"");
        }
    }
}
