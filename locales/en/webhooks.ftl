# Webhooks: the company's list, one webhook with its deliveries.
webhooks-title = Webhooks
webhooks-intro = Addresses of your other systems (accounting, chat, a workflow tool) that receive the business events you choose, as they happen: each event is sent once to each webhook that asks for its kind, as a signed JSON POST, and tried again for a day and a half when the receiver does not answer.
webhooks-empty = No webhook yet: nothing is sent outside Atelier.
webhook-url = Address (HTTPS)
webhook-url-hint = A public https:// address. Addresses on private networks are refused.
webhook-description = Description
webhook-kinds = Events sent
webhook-enabled = Webhook on (events are sent)
webhook-state = State
webhook-on = On
webhook-off = Off
webhook-pending = Waiting
webhook-failed = Given up
webhook-newest = Newest delivery
webhook-new-title = Register a webhook
webhook-create = Register the webhook
webhook-created = Webhook registered.
webhook-title = Webhook
webhook-secret-title = Signing secret
webhook-secret-once = Copy this secret into the receiver now: it is shown this once and cannot be read again (replace it if it is lost).
webhook-signature-hint = Each delivery carries the headers webhook-id, webhook-timestamp and webhook-signature, as the Standard Webhooks specification writes them: "v1," and the base64 HMAC-SHA256, keyed by this secret, of the id, the timestamp and the body joined by dots. Any Standard Webhooks library checks them; refuse a timestamp more than five minutes old, and a webhook-id already processed.
webhook-history = History
webhook-created-by = Registered by { $who } on { $when }
webhook-changed-by = Changed by { $who } on { $when }
webhook-rotated-by = Secret replaced by { $who } on { $when }
webhook-settings-title = Settings
webhook-save = Save the webhook
webhook-saved = Webhook saved.
webhook-rotate-title = Replace the secret
webhook-rotate-hint = A new secret is made and shown once. For the next 24 hours every delivery is signed with both the new and the previous secret, so the receiver can switch without missing one.
webhook-rotate = Replace the secret
webhook-secret-rotated = Secret replaced: copy the new one now, it is shown this once.
webhook-deliveries-title = Deliveries
webhook-deliveries-hint = Newest first. A delivery that fails is tried again 30 seconds, 5 and 30 minutes, 2, 8 and 24 hours later, then given up; any delivery that is not waiting can be sent again.
webhook-deliveries-all = All deliveries
webhook-deliveries-empty = No delivery yet: one is made for each event of the kinds this webhook is sent.
webhook-deliveries-none-found = No delivery in this state.
webhook-deliveries-older = Older deliveries
webhook-delivery-state = State
webhook-delivery-event = Event
webhook-delivery-queued = Queued
webhook-delivery-tries = Tries
webhook-delivery-answer = Last answer
webhook-delivery-when = When
webhook-delivery-actions = Actions
webhook-delivery-pending = Waiting
webhook-delivery-delivered = Delivered
webhook-delivery-failed = Given up
webhook-delivered-at = Delivered on { $when }
webhook-next-try-at = Next try on { $when }
webhook-given-up-at = Given up on { $when }
webhook-replay = Send again
webhook-delivery-replayed = The delivery will be sent again within seconds.
webhook-replays =
    { $n ->
        [one] sent again once
       *[other] sent again { $count } times
    }

field-invalid-url = Not a web address (https://…).
field-webhook-url-not-https = The address must start with https://.
field-webhook-url-private = This address is on a private network or this machine: webhooks only go to public addresses.
field-webhook-url-credentials = Put no user name or password in the address: the signature authenticates Atelier.
field-webhook-url-unknown-host = This host name cannot be found.
field-webhook-kinds-empty = Choose at least one kind of event.
field-invalid-delivery-state = Not a state of delivery.
error-delivery-pending = This delivery is already waiting for its next try.
