# Deuxième étape de la connexion
second-factor-title = Validation en deux étapes
second-factor-prompt = Saisissez le code à 6 chiffres affiché par votre application d’authentification.
label-second-factor-code = Code
second-factor-submit = Valider
second-factor-recovery-hint = Téléphone perdu ? Saisissez plutôt l’un de vos codes de secours (par exemple abcde-fghjk). Chacun ne sert qu’une fois.
second-factor-cancel = Annuler et se déconnecter
enrol-title = Activer la validation en deux étapes
enrol-required = Votre entreprise exige la validation en deux étapes pour votre rôle. Activez-la maintenant pour continuer.
enrol-continue = Continuer vers Atelier

# Paramètres
security-title = Sécurité
security-summary = Mot de passe, validation en deux étapes et appareils connectés.
members-title = Membres et connexion
members-summary = Comptes bloqués, seconds facteurs et règles de connexion de l’entreprise.
audit-title = Journal d’audit
audit-summary = Qui s’est connecté, a échoué, a modifié un réglage ou a été refusé, et d’où.

# Second facteur
second-factor-heading = Validation en deux étapes
second-factor-explain = Après votre mot de passe, Atelier vous demandera aussi un code issu d’une application d’authentification sur votre téléphone (FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator, par exemple).
second-factor-begin = Configurer une application d’authentification
second-factor-scan = Scannez ce QR code avec votre application d’authentification.
second-factor-or-type = Ou saisissez la clé ci-dessous dans l’application, puis entrez le code qu’elle affiche.
second-factor-qr-label = QR code à scanner avec une application d’authentification
second-factor-secret = Clé :
label-totp-code = Code de l’application
second-factor-confirm = Activer
second-factor-on = La validation en deux étapes est activée.
second-factor-off = La validation en deux étapes est désactivée.
second-factor-on-since = Activée depuis le { $date }.
second-factor-codes-left = { $count ->
    [0] Plus aucun code de secours : créez-en de nouveaux.
    [one] Il reste un code de secours.
   *[other] Il reste { $count } codes de secours.
}
second-factor-disable = Désactiver
second-factor-disable-submit = Désactiver la validation en deux étapes
recovery-codes-title = Vos codes de secours
recovery-codes-once = Conservez-les en lieu sûr, loin de votre téléphone : chacun permet de se connecter une fois sans l’application. Ils ne seront plus affichés.
recovery-codes-renew = Nouveaux codes de secours
recovery-codes-renew-submit = Créer de nouveaux codes (les anciens ne marcheront plus)
recovery-codes-renewed = Nouveaux codes de secours créés ; les anciens ne fonctionnent plus.

# Mot de passe
password-change-title = Changer de mot de passe
label-current-password = Mot de passe actuel
label-new-password = Nouveau mot de passe
password-rules = Au moins 12 caractères. Une phrase dont vous vous souvenez convient très bien ; les mots de passe trop courants sont refusés.
password-end-others = Déconnecter mes autres sessions
password-change-submit = Changer le mot de passe
password-changed = Mot de passe changé.

# Sessions
sessions-title = Où vous êtes connecté
session-device = Appareil
session-address = Adresse
session-started = Connexion
session-last-seen = Dernière activité
session-actions = Actions
session-this-device = Cet appareil
session-end = Déconnecter
session-ended = Cette session est déconnectée.
session-unknown-device = Appareil inconnu

# Membres (administrateurs)
members-list-title = Membres
member-name = Nom
member-role = Rôle
member-second-factor = Deux étapes
member-second-factor-on = Activée
member-second-factor-off = Désactivée
member-status = État
member-active = Actif
member-disabled = Désactivé
member-locked-until = Bloqué jusqu’au { $time }
member-last-login = Dernière connexion
member-unlock = Débloquer
member-reset-second-factor = Réinitialiser les deux étapes
member-shared-account = Membre d’une autre société aussi : seul l’exploitant de la plateforme peut débloquer ce compte ou réinitialiser ses deux étapes.
member-unlocked = Compte débloqué.
member-second-factor-reset = Validation en deux étapes réinitialisée : le membre la configurera de nouveau.
rules-title = Règles de connexion
rules-second-factor-roles = Rôles tenus d’utiliser la validation en deux étapes
label-lockout-threshold = Échecs de connexion avant blocage (3 à 100, en une heure)
label-lockout-minutes = Durée du blocage en minutes (1 à 1440)
rules-submit = Enregistrer les règles
sign-in-rules-saved = Règles de connexion enregistrées.

# Journal d’audit
audit-kind = Événement
audit-kind-all = Tous les événements
audit-who = E-mail contenant
audit-from = Du
audit-to = Au
audit-filter = Filtrer
audit-empty = Aucun événement ne correspond.
audit-older = Événements plus anciens
audit-when = Quand
audit-actor = Par
audit-subject = Concernant
audit-detail = Détail
audit-origin = Origine
audit-request-id = Identifiant de requête
audit-kind-login-succeeded = Connexion
audit-kind-login-failed = Échec de connexion
audit-kind-account-locked = Compte bloqué
audit-kind-account-unlocked = Compte débloqué
audit-kind-second-factor-enrolled = Deux étapes activées
audit-kind-second-factor-used = Code à deux étapes utilisé
audit-kind-second-factor-failed = Code à deux étapes refusé
audit-kind-second-factor-reset = Deux étapes réinitialisées par un administrateur
audit-kind-second-factor-disabled = Deux étapes désactivées
audit-kind-recovery-code-used = Code de secours utilisé
audit-kind-recovery-codes-regenerated = Codes de secours renouvelés
audit-kind-password-changed = Mot de passe changé
audit-kind-session-ended = Session terminée
audit-kind-logout = Déconnexion
audit-kind-account-disabled = Compte désactivé
audit-kind-permission-refused = Permission refusée
audit-kind-sign-in-rules-changed = Règles de connexion modifiées
audit-kind-sso-linked = Authentification unique liée
audit-kind-sso-account-created = Compte créé par authentification unique
audit-kind-company-profile-changed = Profil de l’entreprise modifié
audit-kind-accounting-accounts-changed = Comptes comptables modifiés
audit-kind-alert-rule-changed = Règle d’alerte modifiée
audit-kind-webhook-created = Webhook enregistré
audit-kind-webhook-changed = Webhook modifié
audit-kind-webhook-secret-rotated = Secret de webhook remplacé
audit-kind-webhook-delivery-replayed = Envoi de webhook renvoyé
audit-kind-emergency-mode-changed = Mode d’urgence changé
audit-kind-feature-flag-changed = Fonctionnalité modifiée
audit-kind-feature-killed = Fonctionnalité coupée par son arrêt d’urgence
audit-kind-feature-released = Arrêt d’urgence levé
audit-kind-security-thresholds-changed = Seuils de sécurité modifiés
audit-detail-password = avec le mot de passe
audit-detail-password-totp = mot de passe et code d’application
audit-detail-password-recovery-code = mot de passe et code de secours
audit-detail-password-enrolment = mot de passe, deux étapes configurées
audit-detail-reauthentication = mot de passe ressaisi pour une modification sensible
audit-detail-platform-operator = par l’exploitant de la plateforme (ligne de commande)
audit-detail-unknown-account = compte inexistant
audit-detail-locked = compte bloqué
audit-detail-disabled = compte désactivé
audit-detail-no-active-company = aucune entreprise active
member-second-factor-due = Désactivée — à configurer à la prochaine connexion

## La chaîne d’empreintes du journal d’audit
audit-chain-title = Intégrité du journal
audit-chain-hint = Chaque événement contient l’empreinte (SHA-256) de l’événement précédent : en supprimer, en modifier ou en déplacer un rompt la chaîne à partir de là. Les exports contiennent les empreintes : un auditeur peut les vérifier sans Atelier.
audit-chain-check = Vérifier la chaîne
audit-chain-checking = Vérification de chaque événement…
audit-chain-intact = La chaîne est intacte : { $entries } événements, chacun à la suite du précédent.
audit-chain-head = Empreinte du dernier événement :
audit-chain-broken = La chaîne est rompue à l’événement { $seq } :
audit-chain-break-altered = son contenu a été modifié après son enregistrement.
audit-chain-break-unlinked = il ne suit pas l’événement précédent : un événement a été supprimé, ajouté ou déplacé.
audit-chain-break-out-of-sequence = un événement manque ou est répété avant lui.
audit-chain-break-truncated = les derniers événements ont été supprimés.
audit-chain-break-event = L’événement trouvé à cet endroit : { $kind }, { $when }.
audit-chain-held = Les { $entries } événements qui le précèdent sont intacts.
audit-export-csv = Exporter (CSV)
audit-export-jsonl = Exporter (JSON lines)
