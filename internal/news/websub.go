package news

import "time"

// SubState is where a WebSub subscription stands with its hub.
type SubState string

// Subscription states.
const (
	// SubPending: a subscription request was sent (or is about to be) and
	// the hub has not verified it yet.
	SubPending SubState = "pending"
	// SubActive: the hub verified the subscription and pushes updates
	// until LeaseUntil.
	SubActive SubState = "active"
	// SubDenied: the hub refused the subscription; it is asked again at
	// RenewAt.
	SubDenied SubState = "denied"
	// SubUnsubscribing: an unsubscription was asked for; the row goes when
	// the hub verifies it, or at RenewAt at the latest.
	SubUnsubscribing SubState = "unsubscribing"
)

// Subscription is a source's WebSub subscription at the hub its feed
// announces. A source has at most one.
type Subscription struct {
	SourceID int64
	// Hub is the hub's address; Topic is the feed address subscribed to
	// (the feed's self link, or its URL).
	Hub, Topic string
	// Token is the opaque random last segment of the callback address
	// (/websub/{token}); it names the subscription and is unique.
	Token string
	// Secret signs the content the hub pushes (hub.secret); "" when none
	// was given.
	Secret string
	State  SubState
	// LeaseUntil is when the hub's lease ends, zero until it verified one.
	LeaseUntil time.Time
	// RenewAt is when the subscription is next due for a request to the
	// hub: a renewal before the lease ends, a retry after a failure or a
	// denial.
	RenewAt time.Time
	// VerifiedAt is when the hub last verified a request of ours, zero
	// when never.
	VerifiedAt time.Time
	// LastError says in plain words what last went wrong, "" when nothing.
	LastError string
	// LastPushAt is when the hub last pushed content that was accepted,
	// zero when never.
	LastPushAt time.Time
	CreatedAt  time.Time
}
