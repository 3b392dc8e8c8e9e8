//! Where a webhook may send: an `https://` address of a public host. Addresses inside the
//! network Atelier runs in (loopback, private ranges, link-local and its cloud metadata service,
//! shared address space…) are refused, so that an admin cannot make the server probe or call
//! what only it can reach. Plain `http://` and loopback are allowed only when the server is
//! told so (`Reach::WithLoopback`: tests, a receiver on the same machine).
//!
//! The address is parsed by the `url` crate, the parser the HTTP client uses too, so what is
//! checked here is what is called (`https://2130706433/` is 127.0.0.1 to both).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

/// The longest address accepted.
pub const MAX_URL: usize = 2000;

/// Which hosts the server may call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reach {
    /// Public hosts, over HTTPS.
    #[default]
    Public,
    /// Public hosts over HTTPS, and the loopback addresses over HTTP or HTTPS.
    WithLoopback,
}

/// A webhook's address that passed the rules: HTTPS (or a loopback allowed), a host, no
/// credentials, no fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target(Url);

impl Target {
    pub fn parse(raw: &str, reach: Reach) -> Result<Self, &'static str> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("required");
        }
        if raw.chars().count() > MAX_URL {
            return Err("too-long");
        }
        let url = Url::parse(raw).map_err(|_| "invalid-url")?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err("webhook-url-credentials");
        }
        if url.fragment().is_some() {
            return Err("invalid-url");
        }
        let loopback = match url.host() {
            None => return Err("invalid-url"),
            Some(Host::Ipv4(ip)) => check_ip(IpAddr::V4(ip), reach)?,
            Some(Host::Ipv6(ip)) => check_ip(IpAddr::V6(ip), reach)?,
            Some(Host::Domain(name)) if is_loopback_name(name) => {
                if reach != Reach::WithLoopback {
                    return Err("webhook-url-private");
                }
                true
            }
            Some(Host::Domain(_)) => false,
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err("webhook-url-not-https"),
        }
        if url.as_str().chars().count() > MAX_URL {
            return Err("too-long");
        }
        Ok(Self(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    /// The host's name when it is one: every address it resolves to must pass `allowed_ip`
    /// before anything is sent (None for an address written as an IP, checked already).
    pub fn host_name(&self) -> Option<&str> {
        match self.0.host() {
            Some(Host::Domain(name)) => Some(name),
            _ => None,
        }
    }
}

/// Whether the server may connect to `ip`; true for loopback only under `Reach::WithLoopback`.
pub fn allowed_ip(ip: IpAddr, reach: Reach) -> bool {
    check_ip(ip, reach).is_ok()
}

/// Ok(true) for an allowed loopback address, Ok(false) for a public one.
fn check_ip(ip: IpAddr, reach: Reach) -> Result<bool, &'static str> {
    if is_loopback(ip) {
        return if reach == Reach::WithLoopback { Ok(true) } else { Err("webhook-url-private") };
    }
    if is_internal(ip) { Err("webhook-url-private") } else { Ok(false) }
}

fn is_loopback_name(name: &str) -> bool {
    let name = name.trim_end_matches('.');
    name == "localhost" || name.ends_with(".localhost")
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || embedded_v4(v6).is_some_and(|v4| v4.is_loopback()),
    }
}

/// Not a public unicast address (RFC 6890 and the IANA special-purpose registries).
fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => is_internal_v4(v4),
            None => is_internal_v6(v6),
        },
    }
}

fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier-grade NAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240 // reserved
}

fn is_internal_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] == 0) // Teredo: a tunnel to anywhere
        || (s[0] == 0x0100 && s[1..4] == [0, 0, 0]) // discard-only
        || s[..6] == [0; 6] // IPv4-compatible (deprecated) and the rest of ::/96
}

/// The IPv4 address an IPv6 one carries: mapped (`::ffff:a.b.c.d`), NAT64 (`64:ff9b::/96`) or
/// 6to4 (`2002:aabb:ccdd::/48`), which reach that IPv4 host.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let v4 = |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    let mapped = s[..5] == [0; 5] && s[5] == 0xffff;
    let nat64 = s[0] == 0x0064 && s[1] == 0xff9b && s[2..6] == [0; 4];
    if mapped || nat64 {
        Some(v4(s[6], s[7]))
    } else if s[0] == 0x2002 {
        Some(v4(s[1], s[2]))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(raw: &str) -> Result<String, &'static str> {
        Target::parse(raw, Reach::Public).map(|t| t.as_str().to_owned())
    }

    #[test]
    fn a_public_https_address_is_kept_as_the_client_will_call_it() {
        assert_eq!(
            public(" https://Hooks.Example.COM/atelier?x=1 "),
            Ok("https://hooks.example.com/atelier?x=1".into())
        );
        assert_eq!(public("https://93.184.215.14:8443/in"), Ok("https://93.184.215.14:8443/in".into()));
        assert_eq!(
            public("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/"),
            Ok("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/".into())
        );
        let target = Target::parse("https://hooks.example.com/", Reach::Public).unwrap();
        assert_eq!(target.host_name(), Some("hooks.example.com"));
        assert_eq!(Target::parse("https://93.184.215.14/", Reach::Public).unwrap().host_name(), None);
    }

    #[test]
    fn plain_http_other_schemes_and_malformed_addresses_are_refused() {
        assert_eq!(public("http://hooks.example.com/"), Err("webhook-url-not-https"));
        assert_eq!(public("ftp://hooks.example.com/"), Err("webhook-url-not-https"));
        assert_eq!(public("file:///etc/passwd"), Err("invalid-url"));
        assert_eq!(public("hooks.example.com/in"), Err("invalid-url"));
        assert_eq!(public("https://"), Err("invalid-url"));
        assert_eq!(public("https://user:pw@hooks.example.com/"), Err("webhook-url-credentials"));
        assert_eq!(public("https://hooks.example.com/#frag"), Err("invalid-url"));
        assert_eq!(public(""), Err("required"));
        assert_eq!(public(&format!("https://hooks.example.com/{}", "a".repeat(MAX_URL))), Err("too-long"));
    }

    #[test]
    fn internal_addresses_are_refused_however_they_are_written() {
        for raw in [
            "https://127.0.0.1/",
            "https://2130706433/", // 127.0.0.1 as one number
            "https://0x7f.1/",     // and in hexadecimal
            "https://localhost/",
            "https://api.localhost./",
            "https://10.1.2.3/",
            "https://172.16.0.1/",
            "https://192.168.1.10/",
            "https://169.254.169.254/latest/meta-data", // cloud metadata
            "https://100.64.0.1/",
            "https://0.0.0.0/",
            "https://[::1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[64:ff9b::a00:1]/",
            "https://[2002:c0a8:101::1]/", // 6to4 of 192.168.1.1
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://[::]/",
            "https://224.0.0.1/",
            "https://255.255.255.255/",
            "https://192.0.2.1/",
        ] {
            assert_eq!(public(raw), Err("webhook-url-private"), "{raw}");
        }
    }

    #[test]
    fn loopback_is_allowed_over_http_only_when_the_server_says_so() {
        let tests = |raw: &str| Target::parse(raw, Reach::WithLoopback).map(|t| t.as_str().to_owned());
        assert_eq!(tests("http://127.0.0.1:4567/hooks"), Ok("http://127.0.0.1:4567/hooks".into()));
        assert_eq!(tests("http://[::1]:4567/"), Ok("http://[::1]:4567/".into()));
        assert_eq!(tests("http://localhost:4567/"), Ok("http://localhost:4567/".into()));
        assert_eq!(tests("http://hooks.example.com/"), Err("webhook-url-not-https"));
        assert_eq!(tests("http://10.0.0.1/"), Err("webhook-url-private"));
        assert_eq!(tests("https://192.168.0.1/"), Err("webhook-url-private"));
    }

    #[test]
    fn resolved_addresses_are_judged_by_the_same_rules() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(allowed_ip(ip("93.184.215.14"), Reach::Public));
        assert!(allowed_ip(ip("2606:2800:21f:cb07:6820:80da:af6b:8b2c"), Reach::Public));
        assert!(!allowed_ip(ip("127.0.0.1"), Reach::Public));
        assert!(allowed_ip(ip("127.0.0.1"), Reach::WithLoopback));
        assert!(!allowed_ip(ip("10.0.0.5"), Reach::WithLoopback));
        assert!(!allowed_ip(ip("169.254.169.254"), Reach::WithLoopback));
        assert!(!allowed_ip(ip("fd12::1"), Reach::Public));
    }
}
