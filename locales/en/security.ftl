# Second step of signing in
second-factor-title = Two-step verification
second-factor-prompt = Enter the 6-digit code shown by your authenticator app.
label-second-factor-code = Code
second-factor-submit = Verify
second-factor-recovery-hint = Lost your phone? Enter one of your recovery codes instead (for example abcde-fghjk). Each works once.
second-factor-cancel = Cancel and sign out
enrol-title = Set up two-step verification
enrol-required = Your company requires two-step verification for your role. Set it up now to continue.
enrol-continue = Continue to Atelier

# Settings
security-title = Security
security-summary = Password, two-step verification and where you are signed in.
members-title = Members and sign-in
members-summary = Locked accounts, second factors and the company’s sign-in rules.
audit-title = Audit log
audit-summary = Who signed in, failed, changed a setting or was refused, and from where.

# Second factor
second-factor-heading = Two-step verification
second-factor-explain = After your password, Atelier will also ask for a code from an authenticator app on your phone (such as FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).
second-factor-begin = Set up an authenticator app
second-factor-scan = Scan this QR code with your authenticator app.
second-factor-or-type = Or type the secret below into the app, then enter the code it shows.
second-factor-qr-label = QR code to scan with an authenticator app
second-factor-secret = Secret:
label-totp-code = Code from the app
second-factor-confirm = Turn on
second-factor-on = Two-step verification is on.
second-factor-off = Two-step verification is off.
second-factor-on-since = On since { $date }.
second-factor-codes-left = { $count ->
    [0] No recovery code left: make new ones.
    [one] One recovery code left.
   *[other] { $count } recovery codes left.
}
second-factor-disable = Turn off
second-factor-disable-submit = Turn off two-step verification
recovery-codes-title = Your recovery codes
recovery-codes-once = Keep them somewhere safe, away from your phone: each one lets you sign in once without the app. They will not be shown again.
recovery-codes-renew = New recovery codes
recovery-codes-renew-submit = Make new codes (the old ones stop working)
recovery-codes-renewed = New recovery codes made; the old ones no longer work.

# Password
password-change-title = Change your password
label-current-password = Current password
label-new-password = New password
password-rules = At least 12 characters. A sentence you can remember works well; very common passwords are refused.
password-end-others = Sign out my other sessions
password-change-submit = Change password
password-changed = Password changed.

# Sessions
sessions-title = Where you are signed in
session-device = Device
session-address = Address
session-started = Signed in
session-last-seen = Last active
session-actions = Actions
session-this-device = This device
session-end = Sign out
session-ended = That session is signed out.
session-unknown-device = Unknown device

# Members (admins)
members-list-title = Members
member-name = Name
member-role = Role
member-second-factor = Two-step
member-second-factor-on = On
member-second-factor-off = Off
member-status = Status
member-active = Active
member-disabled = Disabled
member-locked-until = Locked until { $time }
member-last-login = Last sign-in
member-unlock = Unlock
member-reset-second-factor = Reset two-step
member-shared-account = Also a member of another company: only the platform operator can unlock this account or reset its two-step verification.
member-unlocked = Account unlocked.
member-second-factor-reset = Two-step verification reset: the member will set it up again.
rules-title = Sign-in rules
rules-second-factor-roles = Roles that must use two-step verification
label-lockout-threshold = Failed sign-ins before a lock (3–100, within an hour)
label-lockout-minutes = Lock duration in minutes (1–1440)
rules-submit = Save the rules
sign-in-rules-saved = Sign-in rules saved.

# Audit log
audit-kind = Event
audit-kind-all = All events
audit-who = E-mail contains
audit-from = From
audit-to = To
audit-filter = Filter
audit-empty = No event matches.
audit-older = Older events
audit-when = When
audit-actor = By
audit-subject = Concerning
audit-detail = Detail
audit-origin = From
audit-request-id = Request id
audit-kind-login-succeeded = Signed in
audit-kind-login-failed = Sign-in failed
audit-kind-account-locked = Account locked
audit-kind-account-unlocked = Account unlocked
audit-kind-second-factor-enrolled = Two-step turned on
audit-kind-second-factor-used = Two-step code used
audit-kind-second-factor-failed = Two-step code refused
audit-kind-second-factor-reset = Two-step reset by an admin
audit-kind-second-factor-disabled = Two-step turned off
audit-kind-recovery-code-used = Recovery code used
audit-kind-recovery-codes-regenerated = Recovery codes renewed
audit-kind-password-changed = Password changed
audit-kind-session-ended = Session ended
audit-kind-logout = Signed out
audit-kind-account-disabled = Account disabled
audit-kind-permission-refused = Permission refused
audit-kind-sign-in-rules-changed = Sign-in rules changed
audit-kind-sso-linked = Single sign-on linked
audit-kind-sso-account-created = Account created by single sign-on
audit-kind-company-profile-changed = Company profile changed
audit-kind-accounting-accounts-changed = Accounting accounts changed
audit-kind-alert-rule-changed = Alert rule changed
audit-kind-webhook-created = Webhook registered
audit-kind-webhook-changed = Webhook changed
audit-kind-webhook-secret-rotated = Webhook secret replaced
audit-kind-webhook-delivery-replayed = Webhook delivery sent again
audit-kind-emergency-mode-changed = Emergency mode changed
audit-kind-feature-flag-changed = Feature flag changed
audit-kind-feature-killed = Feature stopped by its kill switch
audit-kind-feature-released = Kill switch released
audit-kind-security-thresholds-changed = Security thresholds changed
audit-detail-password = with the password
audit-detail-password-totp = password and authenticator code
audit-detail-password-recovery-code = password and recovery code
audit-detail-password-enrolment = password, two-step set up
audit-detail-reauthentication = password re-entered for a sensitive change
audit-detail-platform-operator = by the platform operator (command line)
audit-detail-unknown-account = no such account
audit-detail-locked = account locked
audit-detail-disabled = account disabled
audit-detail-no-active-company = no active company
member-second-factor-due = Off — to set up at next sign-in

## The audit log's hash chain
audit-chain-title = Integrity of the log
audit-chain-hint = Each event holds the fingerprint (SHA-256) of the event before it: removing, changing or reordering one breaks the chain from there. The exports carry the fingerprints, so an auditor can check them without Atelier.
audit-chain-check = Check the chain
audit-chain-checking = Checking every event…
audit-chain-intact = The chain holds: { $entries } events, each following the one before it.
audit-chain-head = Fingerprint of the last event:
audit-chain-broken = The chain breaks at event { $seq }:
audit-chain-break-altered = its content was changed after it was written.
audit-chain-break-unlinked = it does not follow the event before it: an event was removed, added or moved.
audit-chain-break-out-of-sequence = an event is missing or repeated before it.
audit-chain-break-truncated = the last events were removed.
audit-chain-break-event = The event found there: { $kind }, { $when }.
audit-chain-held = The { $entries } events before it hold.
audit-export-csv = Export (CSV)
audit-export-jsonl = Export (JSON lines)
