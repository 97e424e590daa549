package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/idna"
)

// BlockedError says that a request was refused because of where it would
// have gone: a non-public address, a local-only host name, a scheme other
// than http and https, or a URL that cannot be read safely.
type BlockedError struct {
	// Host is the host name or literal as written in the URL, "" when the
	// refusal is not about a host.
	Host string
	// Addr is the address that was refused, invalid when the refusal is
	// about a name or a scheme.
	Addr netip.Addr
	// Reason says in plain words what is wrong.
	Reason string
}

// Error reads like "refused: 10.0.0.1 is a private address".
func (e *BlockedError) Error() string {
	switch {
	case e.Addr.IsValid() && e.Host != "" && spells(e.Host, e.Addr):
		return fmt.Sprintf("refused: %s is %s, %s", e.Host, e.Addr, withArticle(e.Reason))
	case e.Addr.IsValid() && e.Host != "" && !hostIsLiteral(e.Host, e.Addr):
		return fmt.Sprintf("refused: %s resolves to %s, %s", e.Host, e.Addr, withArticle(e.Reason))
	case e.Addr.IsValid():
		return fmt.Sprintf("refused: %s is %s", e.Addr, withArticle(e.Reason))
	case e.Host != "":
		return fmt.Sprintf("refused: %s: %s", e.Host, e.Reason)
	default:
		return "refused: " + e.Reason
	}
}

// hostIsLiteral reports whether host names exactly addr, so the message
// need not repeat it.
func hostIsLiteral(host string, addr netip.Addr) bool {
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && a == addr
}

// spells reports whether host is another way of writing addr, such as
// "0x7f.1" for 127.0.0.1.
func spells(host string, addr netip.Addr) bool {
	if hostIsLiteral(host, addr) {
		return false
	}
	a, err := parseLiteral(strings.Trim(host, "[]"))
	return err == nil && a == addr
}

// withArticle turns "private address" into "a private address".
func withArticle(s string) string {
	if s == "" {
		return "a forbidden address"
	}
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u', 'I', 'A', 'E', 'O', 'U':
		return "an " + s
	}
	return "a " + s
}

// rangeRule names one block of addresses that must not be reached.
type rangeRule struct {
	prefix netip.Prefix
	kind   string
}

// v4Rules lists the IPv4 blocks that are not public. The order puts the
// most specific blocks first where they overlap.
var v4Rules = []rangeRule{
	{netip.MustParsePrefix("255.255.255.255/32"), "broadcast address"},
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified (\"this network\") address"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private address"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT) address"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback address"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local address"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignment address"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation address"},
	{netip.MustParsePrefix("192.88.99.0/24"), "6to4 relay address"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking address"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation address"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation address"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved address"},
}

// v6Rules lists the IPv6 blocks that are refused outright, before the
// blocks that embed an IPv4 address are looked at.
var v6Rules = []rangeRule{
	{netip.MustParsePrefix("::/128"), "unspecified address"},
	{netip.MustParsePrefix("::1/128"), "loopback address"},
	{netip.MustParsePrefix("::ffff:0:0/96"), "IPv4-mapped address"},
	{netip.MustParsePrefix("::ffff:0:0:0/96"), "IPv4-translated address"},
	{netip.MustParsePrefix("::/96"), "IPv4-compatible address"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local-use NAT64 address"},
	{netip.MustParsePrefix("100::/64"), "discard-only address"},
	{netip.MustParsePrefix("2001:2::/48"), "benchmarking address"},
	{netip.MustParsePrefix("2001:10::/28"), "ORCHID address"},
	{netip.MustParsePrefix("2001:20::/28"), "ORCHID address"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation address"},
	{netip.MustParsePrefix("3fff::/20"), "documentation address"},
	{netip.MustParsePrefix("5f00::/16"), "segment routing address"},
	{netip.MustParsePrefix("fc00::/7"), "unique local (private) address"},
	{netip.MustParsePrefix("fe80::/10"), "link-local address"},
	{netip.MustParsePrefix("fec0::/10"), "site-local address"},
	{netip.MustParsePrefix("ff00::/8"), "multicast address"},
}

// Prefixes of IPv6 blocks that carry an IPv4 address inside them.
var (
	nat64Prefix  = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour    = netip.MustParsePrefix("2002::/16")
	teredoPrefix = netip.MustParsePrefix("2001::/32")
	globalV6     = netip.MustParsePrefix("2000::/3")
)

// Classify says why ip must not be reached, or returns "" when it is a
// public address. It covers loopback, private, link-local, shared, multicast,
// reserved, documentation and benchmarking ranges in both families, and
// IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4,
// Teredo) when the address they carry is not public.
func Classify(ip netip.Addr) string {
	if !ip.IsValid() {
		return "invalid address"
	}
	ip = ip.WithZone("")
	if ip.Is4() {
		for _, r := range v4Rules {
			if r.prefix.Contains(ip) {
				return r.kind
			}
		}
		return ""
	}
	for _, r := range v6Rules {
		if r.prefix.Contains(ip) {
			return r.kind
		}
	}
	b := ip.As16()
	switch {
	case nat64Prefix.Contains(ip):
		if k := Classify(netip.AddrFrom4([4]byte(b[12:16]))); k != "" {
			return "NAT64 form of " + withArticle(k)
		}
		return ""
	case sixToFour.Contains(ip):
		if k := Classify(netip.AddrFrom4([4]byte(b[2:6]))); k != "" {
			return "6to4 form of " + withArticle(k)
		}
	case teredoPrefix.Contains(ip):
		if k := Classify(netip.AddrFrom4([4]byte(b[4:8]))); k != "" {
			return "Teredo form of " + withArticle(k)
		}
		client := [4]byte{^b[12], ^b[13], ^b[14], ^b[15]}
		if k := Classify(netip.AddrFrom4(client)); k != "" {
			return "Teredo form of " + withArticle(k)
		}
	}
	if !globalV6.Contains(ip) {
		return "reserved address"
	}
	return ""
}

// CheckAddr returns a *BlockedError when ip is not a public address.
func CheckAddr(ip netip.Addr) error {
	if k := Classify(ip); k != "" {
		return &BlockedError{Addr: ip, Reason: k}
	}
	return nil
}

// ParseIPv4Loose reads the IPv4 spellings that resolvers and browsers accept
// besides dotted decimal: one to four parts, each decimal, octal (leading 0)
// or hexadecimal (0x), the last part filling the remaining bytes, with an
// optional trailing dot ("2130706433", "0x7f.1", "127.1", "0177.0.0.01").
func ParseIPv4Loose(s string) (netip.Addr, bool) {
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return netip.Addr{}, false
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseIPv4Part(p)
		if !ok {
			return netip.Addr{}, false
		}
		nums[i] = n
	}
	last := len(nums) - 1
	for _, n := range nums[:last] {
		if n > 255 {
			return netip.Addr{}, false
		}
	}
	if nums[last] >= 1<<(8*uint(4-last)) {
		return netip.Addr{}, false
	}
	v := nums[last]
	for i, n := range nums[:last] {
		v |= n << (8 * uint(3-i))
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// parseIPv4Part reads one part of a loose IPv4 address.
func parseIPv4Part(p string) (uint64, bool) {
	base := 10
	switch {
	case p == "":
		return 0, false
	case len(p) >= 2 && (p[:2] == "0x" || p[:2] == "0X"):
		p, base = p[2:], 16
		if p == "" {
			return 0, true // "0x" alone is zero, as inet_aton reads it
		}
	case len(p) > 1 && p[0] == '0':
		p, base = p[1:], 8
	}
	n, err := strconv.ParseUint(p, base, 32)
	return n, err == nil
}

// looksNumeric reports whether the last label of host starts like a number,
// so the host must be an IPv4 address and must not be sent to a resolver.
func looksNumeric(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if i := strings.LastIndexByte(host, '.'); i >= 0 {
		host = host[i+1:]
	}
	return host != "" && host[0] >= '0' && host[0] <= '9'
}

// localNames are host names, and suffixes of them, that only ever mean
// something on the machine or its own network.
var localNames = []string{"localhost", "local", "internal", "intranet", "lan", "home", "corp", "home.arpa", "localdomain", "ip6-localhost", "ip6-loopback"}

// hostTarget is a URL host made safe to look at: ASCII, lower case, without
// brackets, and the address it names when it is a literal.
type hostTarget struct {
	name string     // ASCII host name or address text
	addr netip.Addr // valid when the host is an address literal
}

// parseHost checks the host part of u and returns its ASCII form. It
// refuses hosts that cannot be read safely; it does not judge addresses.
func parseHost(u *url.URL) (hostTarget, error) {
	raw := u.Hostname()
	if raw == "" {
		return hostTarget{}, &BlockedError{Reason: "the URL has no host"}
	}
	if strings.HasPrefix(u.Host, "[") {
		a, err := netip.ParseAddr(raw)
		if err != nil || !a.Is6() {
			return hostTarget{}, &BlockedError{Host: raw, Reason: "not a valid IPv6 address"}
		}
		return hostTarget{name: a.String(), addr: a}, nil
	}
	name := raw
	if !isASCII(raw) {
		// Non-ASCII names are mapped as a resolver would see them, which
		// also folds look-alike digits and letters ("１２７", "ⓛ") to ASCII.
		var err error
		if name, err = idna.Lookup.ToASCII(raw); err != nil {
			return hostTarget{}, &BlockedError{Host: raw, Reason: "not a valid host name"}
		}
	}
	name = strings.ToLower(name)
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return hostTarget{}, &BlockedError{Host: raw, Reason: "not a valid host name"}
		}
	}
	if a, err := netip.ParseAddr(name); err == nil {
		return hostTarget{name: a.String(), addr: a}, nil
	}
	if looksNumeric(name) {
		a, ok := ParseIPv4Loose(name)
		if !ok {
			return hostTarget{}, &BlockedError{Host: raw, Reason: "not a valid IPv4 address"}
		}
		return hostTarget{name: a.String(), addr: a}, nil
	}
	return hostTarget{name: strings.TrimSuffix(name, ".")}, nil
}

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// checkName refuses host names that can only mean a local machine: names
// under localhost and other local-only suffixes, and single-label names
// that a resolver would complete with a local search domain.
func checkName(name string) error {
	for _, l := range localNames {
		if name == l || strings.HasSuffix(name, "."+l) {
			return &BlockedError{Host: name, Reason: "a local-only host name"}
		}
	}
	if !strings.Contains(name, ".") {
		return &BlockedError{Host: name, Reason: "a single-label host name (only meaningful on a local network)"}
	}
	return nil
}

// Resolver looks up the addresses of a host name; *net.Resolver is one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// guardKey marks a context whose dials are checked, and carries the proxy
// address the transport chose for the request.
type guardKey struct{}

// guardState is what the dialler learns about one request.
type guardState struct {
	proxyAddr string // host:port of the proxy for this request, "" when direct
}

// dialer dials only public addresses, after resolving names itself, so that
// the address checked is the address connected to.
type dialer struct {
	resolver Resolver
	net      net.Dialer
	guarded  bool
}

// newDialer returns a dialer; guarded turns the address checks on.
func newDialer(r Resolver, o Options, guarded bool) *dialer {
	d := &dialer{resolver: r, guarded: guarded}
	d.net.Timeout = o.ConnectTimeout
	if guarded {
		// A second check on the very address the socket connects to.
		d.net.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return &BlockedError{Host: address, Reason: "unreadable dial address"}
			}
			return CheckAddr(ap.Addr().Unmap())
		}
	}
	return d
}

// DialContext resolves addr, checks every address it resolves to, and
// connects to the first one that answers.
func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	guarded := d.guarded
	if st, ok := ctx.Value(guardKey{}).(*guardState); ok && st.proxyAddr != "" && st.proxyAddr == addr {
		// The proxy was chosen by the operator; the target behind it was
		// checked before the request was handed to it.
		guarded = false
	}
	var addrs []netip.Addr
	if a, perr := netip.ParseAddr(host); perr == nil {
		addrs = []netip.Addr{a}
	} else if a, ok := ParseIPv4Loose(host); ok && looksNumeric(host) {
		addrs = []netip.Addr{a}
	} else {
		if guarded {
			if err := checkName(strings.ToLower(strings.TrimSuffix(host, "."))); err != nil {
				return nil, err
			}
		}
		addrs, err = d.resolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, fmt.Errorf("cannot resolve %s: %w", host, plainDNSError(err))
		}
		if len(addrs) == 0 {
			return nil, fmt.Errorf("cannot resolve %s: no addresses", host)
		}
	}
	if guarded {
		for _, a := range addrs {
			if k := Classify(a); k != "" {
				return nil, &BlockedError{Host: host, Addr: a, Reason: k}
			}
		}
	}
	d2 := d.net
	if !guarded {
		d2.Control = nil
	}
	// With several addresses, one that does not answer must not use up
	// the whole connect budget.
	if n := len(addrs); n > 1 && d2.Timeout > 0 {
		d2.Timeout = max(d2.Timeout/time.Duration(n), min(d2.Timeout, 2*time.Second))
	}
	var errs []error
	for _, a := range addrs {
		c, err := d2.DialContext(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// plainDNSError drops the resolver's server details from a lookup error.
func plainDNSError(err error) error {
	var de *net.DNSError
	if errors.As(err, &de) {
		if de.IsNotFound {
			return errors.New("no such host")
		}
		if de.IsTimeout {
			return errors.New("lookup timed out")
		}
		return errors.New(de.Err)
	}
	return err
}

// checkTarget checks a URL before anything is sent: scheme, host form,
// port, and, when guarded, literal addresses and local-only names. It
// returns the URL with its host in ASCII and, for loose IPv4 spellings, in
// dotted decimal, so that the transport dials what was checked.
func checkTarget(u *url.URL, guarded bool) (*url.URL, error) {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, &BlockedError{Reason: "the URL has no scheme (want http or https)"}
	default:
		return nil, &BlockedError{Reason: fmt.Sprintf("scheme %q is not http or https", u.Scheme)}
	}
	if u.Opaque != "" {
		return nil, &BlockedError{Reason: "the URL has no host"}
	}
	ht, err := parseHost(u)
	if err != nil {
		return nil, err
	}
	port := u.Port()
	if port != "" {
		n, err := strconv.ParseUint(port, 10, 16)
		if err != nil || n == 0 || port[0] == '0' {
			return nil, &BlockedError{Host: u.Host, Reason: "invalid port " + strconv.Quote(port)}
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return nil, &BlockedError{Host: u.Host, Reason: "empty port"}
	}
	if guarded {
		if ht.addr.IsValid() {
			if k := Classify(ht.addr); k != "" {
				return nil, &BlockedError{Host: u.Hostname(), Addr: ht.addr, Reason: k}
			}
		} else if err := checkName(ht.name); err != nil {
			return nil, err
		}
	}
	out := *u
	out.Scheme = strings.ToLower(u.Scheme)
	host := ht.name
	if ht.addr.Is6() {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	out.Host = host
	return &out, nil
}
