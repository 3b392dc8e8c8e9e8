# Webhooks : la liste de l’entreprise, un webhook et ses envois.
webhooks-title = Webhooks
webhooks-intro = Les adresses de vos autres systèmes (comptabilité, messagerie, outil d’automatisation) qui reçoivent les événements métier choisis, au moment où ils se produisent : chaque événement est envoyé une fois à chaque webhook qui en demande le type, en POST JSON signé, et renvoyé pendant un jour et demi si le destinataire ne répond pas.
webhooks-empty = Aucun webhook : rien n’est envoyé hors d’Atelier.
webhook-url = Adresse (HTTPS)
webhook-url-hint = Une adresse publique en https://. Les adresses de réseaux privés sont refusées.
webhook-description = Description
webhook-kinds = Événements envoyés
webhook-enabled = Webhook actif (les événements sont envoyés)
webhook-state = État
webhook-on = Actif
webhook-off = Inactif
webhook-pending = En attente
webhook-failed = Abandonnés
webhook-newest = Dernier envoi
webhook-new-title = Enregistrer un webhook
webhook-create = Enregistrer le webhook
webhook-created = Webhook enregistré.
webhook-title = Webhook
webhook-secret-title = Secret de signature
webhook-secret-once = Copiez ce secret dans le destinataire maintenant : il n’est affiché qu’une fois et ne peut plus être relu (remplacez-le s’il est perdu).
webhook-signature-hint = Chaque envoi porte les en-têtes webhook-id, webhook-timestamp et webhook-signature, tels que les définit la spécification Standard Webhooks : « v1, » suivi du HMAC-SHA256 en base64, avec ce secret pour clé, de l’identifiant, de l’horodatage et du corps joints par des points. Toute bibliothèque Standard Webhooks les vérifie ; refusez un horodatage de plus de cinq minutes et un webhook-id déjà traité.
webhook-history = Historique
webhook-created-by = Enregistré par { $who } le { $when }
webhook-changed-by = Modifié par { $who } le { $when }
webhook-rotated-by = Secret remplacé par { $who } le { $when }
webhook-settings-title = Réglages
webhook-save = Enregistrer le webhook
webhook-saved = Webhook enregistré.
webhook-rotate-title = Remplacer le secret
webhook-rotate-hint = Un nouveau secret est créé et affiché une fois. Pendant les 24 heures suivantes, chaque envoi est signé avec le nouveau et l’ancien secret, pour que le destinataire change de secret sans en manquer aucun.
webhook-rotate = Remplacer le secret
webhook-secret-rotated = Secret remplacé : copiez le nouveau maintenant, il n’est affiché qu’une fois.
webhook-deliveries-title = Envois
webhook-deliveries-hint = Les plus récents d’abord. Un envoi qui échoue est retenté 30 secondes, 5 et 30 minutes, 2, 8 et 24 heures plus tard, puis abandonné ; tout envoi qui n’est pas en attente peut être renvoyé.
webhook-deliveries-all = Tous les envois
webhook-deliveries-empty = Aucun envoi pour l’instant : un envoi est créé pour chaque événement d’un type envoyé à ce webhook.
webhook-deliveries-none-found = Aucun envoi dans cet état.
webhook-deliveries-older = Envois plus anciens
webhook-delivery-state = État
webhook-delivery-event = Événement
webhook-delivery-queued = Créé
webhook-delivery-tries = Essais
webhook-delivery-answer = Dernière réponse
webhook-delivery-when = Quand
webhook-delivery-actions = Actions
webhook-delivery-pending = En attente
webhook-delivery-delivered = Livré
webhook-delivery-failed = Abandonné
webhook-delivered-at = Livré le { $when }
webhook-next-try-at = Prochain essai le { $when }
webhook-given-up-at = Abandonné le { $when }
webhook-replay = Renvoyer
webhook-delivery-replayed = L’envoi repartira dans quelques secondes.
webhook-replays =
    { $n ->
        [one] renvoyé une fois
       *[other] renvoyé { $count } fois
    }

field-invalid-url = Ce n’est pas une adresse web (https://…).
field-webhook-url-not-https = L’adresse doit commencer par https://.
field-webhook-url-private = Cette adresse est sur un réseau privé ou sur cette machine : les webhooks ne vont qu’à des adresses publiques.
field-webhook-url-credentials = N’indiquez ni nom d’utilisateur ni mot de passe dans l’adresse : la signature authentifie Atelier.
field-webhook-url-unknown-host = Ce nom d’hôte est introuvable.
field-webhook-kinds-empty = Choisissez au moins un type d’événement.
field-invalid-delivery-state = Ce n’est pas un état d’envoi.
error-delivery-pending = Cet envoi attend déjà son prochain essai.
