package fetch

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		addr string
		want string // "" for public; otherwise a word the reason must hold
	}{
		{"8.8.8.8", ""},
		{"93.184.216.34", ""},
		{"1.1.1.1", ""},
		{"100.63.255.255", ""},
		{"100.128.0.0", ""},
		{"172.15.255.255", ""},
		{"172.32.0.0", ""},
		{"192.0.1.1", ""},
		{"198.17.255.255", ""},
		{"198.20.0.0", ""},
		{"223.255.255.255", ""},
		{"127.0.0.1", "loopback"},
		{"127.255.255.254", "loopback"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"10.0.0.1", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"169.254.169.254", "link-local"},
		{"100.64.0.1", "carrier-grade"},
		{"192.0.0.1", "IETF"},
		{"192.0.2.1", "documentation"},
		{"198.51.100.7", "documentation"},
		{"203.0.113.9", "documentation"},
		{"198.18.0.1", "benchmarking"},
		{"198.19.255.255", "benchmarking"},
		{"192.88.99.1", "6to4 relay"},
		{"224.0.0.1", "multicast"},
		{"239.255.255.250", "multicast"},
		{"240.0.0.1", "reserved"},
		{"255.255.255.255", "broadcast"},
		{"2606:4700:4700::1111", ""},
		{"2a00:1450:4001:80b::200e", ""},
		{"::", "unspecified"},
		{"::1", "loopback"},
		{"::ffff:7f00:1", "IPv4-mapped"},
		{"::ffff:8.8.8.8", "IPv4-mapped"},
		{"::ffff:0:0", "IPv4-mapped"},
		{"::127.0.0.1", "IPv4-compatible"},
		{"::ffff:0:10.0.0.1", "IPv4-translated"},
		{"64:ff9b::127.0.0.2", "NAT64 form of a loopback"},
		{"64:ff9b::10.0.0.1", "NAT64 form of a private"},
		{"64:ff9b::169.254.169.254", "NAT64 form of a link-local"},
		{"64:ff9b::8.8.8.8", ""},
		{"64:ff9b:1::a00:1", "local-use NAT64"},
		{"2002:7f00:1::", "6to4 form of a loopback"},
		{"2002:a9fe:a9fe::", "6to4 form of a link-local"},
		{"2002:808:808::1", ""},
		{"2001:0:4136:e378:8000:63bf:ffff:ffff", "Teredo form of an unspecified"},
		{"2001:0:4136:e378:8000:63bf:f5ff:fffe", "Teredo form of a private"},
		{"2001:0:a00:1::1", "Teredo form of a private"},
		{"2001:0:4136:e378:8000:63bf:f7f7:f7f7", ""},
		{"2001:db8::1", "documentation"},
		{"3fff::1", "documentation"},
		{"2001:2::1", "benchmarking"},
		{"100::1", "discard"},
		{"fc00::1", "unique local"},
		{"fd12:3456::1", "unique local"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"fec0::1", "site-local"},
		{"ff02::1", "multicast"},
		{"5f00::1", "segment routing"},
		{"4000::1", "reserved"},
		{"1::1", "reserved"},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		got := Classify(a)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("Classify(%s) = %q, want %q", tt.addr, got, tt.want)
		}
		if err := CheckAddr(a); (err != nil) != (tt.want != "") {
			t.Errorf("CheckAddr(%s) = %v", tt.addr, err)
		}
	}
	if got := Classify(netip.Addr{}); got == "" {
		t.Error("Classify(invalid) must refuse")
	}
}

func TestParseIPv4Loose(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when it must not parse
	}{
		{"127.0.0.1", "127.0.0.1"},
		{"127.0.0.1.", "127.0.0.1"},
		{"2130706433", "127.0.0.1"},
		{"0x7f000001", "127.0.0.1"},
		{"0X7F000002", "127.0.0.2"},
		{"017777777776", "127.255.255.254"},
		{"0x7f.1", "127.0.0.1"},
		{"0177.1", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"127.0.1", "127.0.0.1"},
		{"0x7f.0x0.0x0.0x2", "127.0.0.2"},
		{"0x7f.0xfffffe", "127.255.255.254"},
		{"172.1048577", "172.16.0.1"},
		{"169.254.43518", "169.254.169.254"},
		{"0254.020.00.01", "172.16.0.1"},
		{"00.00.00.00", "0.0.0.0"},
		{"0x0", "0.0.0.0"},
		{"0x", "0.0.0.0"},
		{"4294967295", "255.255.255.255"},
		{"4294967296", ""},
		{"256.1.1.1", ""},
		{"1.2.3.4.5", ""},
		{"1..2", ""},
		{"08.1.1.1", ""},
		{"0x7g.1", ""},
		{"1.2.65536", ""},
		{"", ""},
		{".", ""},
		{"-1.2.3.4", ""},
		{"+1.2.3.4", ""},
		{"1_0.0.0.1", ""},
	}
	for _, tt := range tests {
		a, ok := ParseIPv4Loose(tt.in)
		switch {
		case tt.want == "" && ok:
			t.Errorf("ParseIPv4Loose(%q) = %s, want no address", tt.in, a)
		case tt.want != "" && (!ok || a.String() != tt.want):
			t.Errorf("ParseIPv4Loose(%q) = %s, %v, want %s", tt.in, a, ok, tt.want)
		}
	}
}

func TestCheckTarget(t *testing.T) {
	tests := []struct {
		url     string
		refuse  string // "" when allowed; otherwise part of the message
		rewrite string // expected host after the check, when allowed
	}{
		{"http://example.com/feed", "", "example.com"},
		{"HTTPS://Example.COM:8443/x", "", "example.com:8443"},
		{"http://bücher.example/", "", "xn--bcher-kva.example"},
		{"http://8.8.8.8/", "", "8.8.8.8"},
		{"http://r3---sn-ab5l6n7s.example.com/", "", "r3---sn-ab5l6n7s.example.com"},
		{"http://my_site.example.com/", "", "my_site.example.com"},
		{"http://134744072/", "", "8.8.8.8"},
		{"http://[2606:4700::1]:8080/", "", "[2606:4700::1]:8080"},
		{"http://127.0.0.1/", "127.0.0.1 is a loopback address", ""},
		{"http://2130706433/", "2130706433 is 127.0.0.1, a loopback", ""},
		{"http://0x7f.1/", "loopback", ""},
		{"http://127.1/", "loopback", ""},
		{"http://127.0.0.1./", "loopback", ""},
		{"http://0/", "unspecified", ""},
		{"http://[::ffff:127.0.0.1]/", "IPv4-mapped", ""},
		{"http://[0:0:0:0:0:ffff:127.0.0.1]/", "IPv4-mapped", ""},
		{"http://[::]/", "unspecified", ""},
		{"http://[fe80::1%25eth0]/", "link-local", ""},
		{"http://[64:ff9b::10.0.0.1]/", "NAT64", ""},
		{"http://１２７.０.０.１/", "loopback", ""},
		{"http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/", "local-only", ""},
		{"http://localhost/", "local-only", ""},
		{"http://LOCALHOST./", "local-only", ""},
		{"http://foo.localhost/", "local-only", ""},
		{"http://metadata.google.internal/", "local-only", ""},
		{"http://printer.local/", "local-only", ""},
		{"http://instance-data/", "single-label", ""},
		{"http://1.2.3.256/", "not a valid IPv4", ""},
		{"http://0x7g.1/", "not a valid IPv4", ""},
		{"http://example.com:65616/", "invalid port", ""},
		{"http://example.com:0/", "invalid port", ""},
		{"http://example.com:080/", "invalid port", ""},
		{"http:/example.com/", "no host", ""},
		{"http:///x", "no host", ""},
		{"gopher://example.com/", "scheme \"gopher\"", ""},
		{"file:///etc/passwd", "scheme \"file\"", ""},
		{"ftp://example.com/", "scheme \"ftp\"", ""},
		{"javascript:alert(1)", "scheme \"javascript\"", ""},
		{"//example.com/", "no scheme", ""},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatalf("parse %q: %v", tt.url, err)
		}
		got, err := checkTarget(u, true)
		if tt.refuse != "" {
			var be *BlockedError
			if err == nil || !errors.As(err, &be) || !strings.Contains(err.Error(), tt.refuse) {
				t.Errorf("checkTarget(%q) = %v, want refusal containing %q", tt.url, err, tt.refuse)
			}
			continue
		}
		if err != nil {
			t.Errorf("checkTarget(%q) = %v, want allowed", tt.url, err)
			continue
		}
		if got.Host != tt.rewrite {
			t.Errorf("checkTarget(%q) host = %q, want %q", tt.url, got.Host, tt.rewrite)
		}
	}
}

// stubResolver answers lookups from a fixed table, like a hosts file.
type stubResolver map[string][]netip.Addr

func (s stubResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := s[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func TestDialerRefusesResolvedAndDialledAddresses(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan struct{}, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- struct{}{}
			c.Close()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	res := stubResolver{
		"rebind.example": {netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("127.0.0.1")},
		"intra.example":  {netip.MustParseAddr("10.1.2.3")},
	}
	d := newDialer(res, Options{}.withDefaults(), true)
	ctx := context.Background()
	for _, addr := range []string{
		"rebind.example:" + strconv.Itoa(port),
		"intra.example:80",
		"127.0.0.1:" + strconv.Itoa(port),
		"[::ffff:127.0.0.1]:" + strconv.Itoa(port),
		"2130706433:" + strconv.Itoa(port),
		"localhost:" + strconv.Itoa(port),
	} {
		_, err := d.DialContext(ctx, "tcp", addr)
		var be *BlockedError
		if !errors.As(err, &be) {
			t.Errorf("dial %s = %v, want a refusal", addr, err)
		}
	}
	// The socket-level check refuses too, on its own.
	_, err = d.net.DialContext(ctx, "tcp", ln.Addr().String())
	var be *BlockedError
	if !errors.As(err, &be) {
		t.Errorf("socket check: dial %s = %v, want a refusal", ln.Addr(), err)
	}
	// An open dialler connects, so the listener does work.
	c, err := newDialer(res, Options{}.withDefaults(), false).DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("open dial: %v", err)
	}
	c.Close()
	<-accepted
	if n := len(accepted); n != 0 {
		t.Errorf("guarded dials reached the listener %d times", n)
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "0x7f.1", "2130706433", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:a00:1::", "2001:0:4136:e378:8000:63bf:f5ff:fffe", "8.8.8.8", "[fe80::1%eth0]", "１２７.０.０.１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		// Whatever the spelling, a host that reads as an address must get
		// the same verdict as the address it reads as.
		u := &url.URL{Scheme: "http", Host: host}
		target, err := checkTarget(u, true)
		if err != nil {
			return
		}
		a, perr := netip.ParseAddr(strings.Trim(target.Hostname(), "[]"))
		if perr == nil && Classify(a) != "" {
			t.Fatalf("host %q passed as %s, which is %s", host, a, Classify(a))
		}
		if la, ok := ParseIPv4Loose(host); ok && Classify(la) != "" {
			t.Fatalf("host %q reads as %s (%s) yet passed", host, la, Classify(la))
		}
		if a, err := netip.ParseAddr(host); err == nil && Classify(a) != "" {
			t.Fatalf("address %q passed", host)
		}
	})
}

func BenchmarkClassify(b *testing.B) {
	addrs := []netip.Addr{
		netip.MustParseAddr("93.184.216.34"),
		netip.MustParseAddr("10.0.0.1"),
		netip.MustParseAddr("2606:4700:4700::1111"),
		netip.MustParseAddr("2001:0:4136:e378:8000:63bf:f5ff:fffe"),
	}
	for i := 0; b.Loop(); i++ {
		Classify(addrs[i%len(addrs)])
	}
}
