//! The client's address behind reverse proxies. A connection's peer is the client unless it is
//! one of the proxies named in `ATELIER_TRUSTED_PROXIES`; then `X-Forwarded-For` is read from
//! its right end (what the nearest proxy saw) leftwards, past every trusted proxy, and the first
//! address that is not one is the client. Anything a client writes in the header itself sits to
//! the left of what a trusted proxy appended, so it is never reached unless every hop after it is
//! trusted; a peer no one trusts cannot set the address at all.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::http::HeaderMap;

/// An address range: an address and how many of its leading bits must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    base: IpAddr,
    bits: u8,
}

impl Range {
    fn parse(raw: &str) -> Option<Self> {
        let (address, bits) = match raw.split_once('/') {
            Some((address, bits)) => (address.parse::<IpAddr>().ok()?, Some(bits.parse::<u8>().ok()?)),
            None => (raw.parse::<IpAddr>().ok()?, None),
        };
        let width = if address.is_ipv4() { 32 } else { 128 };
        let bits = bits.unwrap_or(width);
        (bits <= width).then_some(Self { base: address, bits })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let (base, ip, width) = match (self.base, canonical(ip)) {
            (IpAddr::V4(base), IpAddr::V4(ip)) => (u128::from(base.to_bits()), u128::from(ip.to_bits()), 32),
            (IpAddr::V6(base), IpAddr::V6(ip)) => (base.to_bits(), ip.to_bits(), 128),
            _ => return false,
        };
        let shift = width - u32::from(self.bits);
        self.bits == 0 || (base >> shift) == (ip >> shift)
    }
}

/// An IPv4 client seen through an IPv6 socket (`::ffff:203.0.113.9`) is that IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The proxies whose `X-Forwarded-For` is believed; none by default.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Arc<[Range]>);

impl TrustedProxies {
    /// A comma-separated list of addresses and ranges: `127.0.0.1, 10.0.0.0/8, fd00::/8`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let ranges = raw
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| Range::parse(r).ok_or_else(|| format!("{r:?} is not an IP address or a range such as 10.0.0.0/8")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self(ranges.into()))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|r| r.contains(ip))
    }

    /// The client's address for a request that came from `peer` with `headers`: the port is
    /// the peer's when the client is the peer, else 0 (a proxy does not tell it).
    pub fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> SocketAddr {
        if !self.trusts(peer.ip()) {
            return peer;
        }
        // Every X-Forwarded-For line, in order, as one list (proxies may add a line each).
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            if !self.trusts(client.ip()) {
                break;
            }
            // Something that is not an address ends the walk at the last proxy that wrote one.
            let Some(ip) = address(hop) else { break };
            client = SocketAddr::new(canonical(ip), 0);
        }
        client
    }
}

/// An address as proxies write it: `203.0.113.9`, `203.0.113.9:4711`, `2001:db8::1`,
/// `[2001:db8::1]:4711`.
fn address(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>().ok().or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(trusted: &str, peer: &str, forwarded: &[&str]) -> String {
        let mut headers = HeaderMap::new();
        for line in forwarded {
            headers.append("x-forwarded-for", line.parse().unwrap());
        }
        let proxies = TrustedProxies::parse(trusted).unwrap();
        proxies.client(peer.parse().unwrap(), &headers).ip().to_string()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        assert_eq!(client("", "203.0.113.9:5000", &["198.51.100.1"]), "203.0.113.9");
        assert_eq!(client("10.0.0.0/8", "203.0.113.9:5000", &["198.51.100.1"]), "203.0.113.9");
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        assert_eq!(client("127.0.0.1", "127.0.0.1:5000", &["198.51.100.1"]), "198.51.100.1");
        // What the client wrote itself stays on the left, past the untrusted address.
        assert_eq!(client("127.0.0.1", "127.0.0.1:5000", &["6.6.6.6, 198.51.100.1"]), "198.51.100.1");
        // Two trusted proxies, each adding a line.
        assert_eq!(
            client("127.0.0.1, 10.0.0.0/8", "127.0.0.1:1", &["6.6.6.6, 198.51.100.1", "10.1.2.3"]),
            "198.51.100.1"
        );
        assert_eq!(client("::1, fd00::/8", "[::1]:1", &["2001:db8::7", "[fd00::2]:80"]), "2001:db8::7");
        assert_eq!(client("127.0.0.1", "127.0.0.1:1", &["198.51.100.1:4711"]), "198.51.100.1");
        assert_eq!(client("127.0.0.1", "[::ffff:127.0.0.1]:1", &["::ffff:198.51.100.1"]), "198.51.100.1");
    }

    #[test]
    fn a_missing_or_broken_header_leaves_the_last_trusted_hop() {
        assert_eq!(client("127.0.0.1", "127.0.0.1:5000", &[]), "127.0.0.1");
        assert_eq!(client("127.0.0.1, 10.0.0.0/8", "127.0.0.1:1", &["198.51.100.1, garbage, 10.0.0.5"]), "10.0.0.5");
        assert_eq!(client("0.0.0.0/0", "127.0.0.1:1", &["198.51.100.1, 10.0.0.5"]), "198.51.100.1");
    }

    #[test]
    fn ranges_are_parsed_strictly() {
        assert!(TrustedProxies::parse("10.0.0.0/8, ::1, 192.168.1.7").is_ok());
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("localhost").is_err());
        assert!(TrustedProxies::parse("10.0.0.0/x").is_err());
        let range = Range::parse("192.168.0.0/16").unwrap();
        assert!(range.contains("192.168.44.1".parse().unwrap()));
        assert!(!range.contains("192.169.0.1".parse().unwrap()));
        assert!(!range.contains("::1".parse().unwrap()));
    }
}
