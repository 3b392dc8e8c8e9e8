# Alertes : la page des notifications, la cloche de l’en-tête et les règles.
notifications-title = Alertes
notifications-intro = Des situations qui durent trop : une urgence que personne n’a prise, une facture impayée après son échéance, un stock au niveau critique, une intervention bloquée, des heures en attente de validation. Chaque situation lève une alerte pour les rôles que sa règle désigne ; elle se ferme d’elle-même quand la situation prend fin.
alerts-show = Afficher
alerts-show-open = Alertes ouvertes
alerts-show-all = Alertes ouvertes et fermées
alerts-none-open = Aucune alerte ouverte pour vous : tout ce qui est surveillé est en ordre.
alerts-none = Aucune alerte ne vous a encore été adressée.
alerts-older = Alertes plus anciennes
alerts-opened = Levée le
alerts-rule = Règle
alerts-state = État
alerts-acknowledgement = Prise en compte
alerts-open = Ouverte
alerts-closed-at = Fermée le { $when }
alerts-acknowledged-by = Prise en compte par { $who } le { $when }
alerts-acknowledge = Prendre en compte
alerts-new = Nouvelle
alert-acknowledged = Alerte prise en compte : les autres destinataires voient que vous vous en occupez.
alerts-bell =
    { $n ->
        [0] Alertes : rien de nouveau
        [one] Alertes : une nouvelle alerte
       *[other] Alertes : { $count } nouvelles alertes
    }

alerts-bell-many = Alertes : plus de { $count } nouvelles alertes

alert-rules-title = Règles d’alerte
alert-rules-intro = Ce qu’Atelier surveille pour l’entreprise, combien de temps une situation peut durer avant d’alerter, la gravité de ses alertes et qui les reçoit. Les vérifications tournent chaque minute pour les règles comptées en minutes et chaque heure pour les autres ; une modification s’applique dès la vérification suivante, et les alertes déjà levées gardent ce qu’elles disaient.
alert-rule-emergency-pending = Urgence en attente d’un technicien
alert-rule-emergency-pending-hint = Une urgence encore nouvelle ou publiée, qu’aucun technicien n’a acceptée.
alert-rule-invoice-overdue = Facture en retard
alert-rule-invoice-overdue-hint = Une facture avec un reste à payer, ce nombre de jours après son échéance (jours de l’entreprise).
alert-rule-invoice-long-overdue = Facture en retard prolongé
alert-rule-invoice-long-overdue-hint = La même, bien plus tard : l’escalade, en général critique.
alert-rule-stock-critical = Stock au niveau critique
alert-rule-stock-critical-hint = Un stock vide ou sous la moitié du minimum de son article (le minimum se règle sur chaque article).
alert-rule-mission-blocked = Intervention bloquée
alert-rule-mission-blocked-hint = Une intervention signalée bloquée par un technicien, toujours bloquée après ce délai.
alert-rule-timesheets-unapproved = Heures en attente de validation
alert-rule-timesheets-unapproved-hint = Des heures d’un technicien saisies il y a ce nombre de jours, ni validées ni renvoyées.
alert-threshold-minutes = Alerter après (minutes)
alert-threshold-days = Alerter après (jours)
alert-unit-minutes = minutes
alert-unit-days = jours
alert-rule-enabled = Règle active
alert-rule-roles = Rôles prévenus
alert-rule-save = Enregistrer la règle
alert-rule-saved = Règle enregistrée : elle s’applique dès la vérification suivante.
alert-rule-changed-by = Modifiée par { $who } le { $when }
alert-rule-open =
    { $n ->
        [0] Aucune alerte ouverte.
        [one] Une alerte ouverte.
       *[other] { $count } alertes ouvertes.
    }

# Le courriel d’une alerte critique (texte brut).
mail-alert-subject = [Atelier] { $severity } : { $rule } — { $subject }
mail-alert-intro = Alerte pour { $company } :
mail-alert-opened = Levée le { $when }.
mail-alert-why = Vous recevez ce courriel parce que la règle d’alerte prévient votre rôle de ses alertes critiques. Les administrateurs de l’entreprise choisissent qui est prévenu dans Alertes → Règles d’alerte.
