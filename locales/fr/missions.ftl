missions-title = Interventions
missions-search = Rechercher
missions-empty = Aucune intervention pour l’instant. Créez-en une, ou enregistrez une urgence quand un client appelle.
missions-none-found = Aucune intervention ne correspond à ces filtres.
missions-next-page = Interventions plus anciennes
filter-all = Toutes
filter-from = Du
filter-to = Au
choose = Choisir…

mission-state-new = Nouveau
mission-state-published = Publiée
mission-state-assigned = Assignée
mission-state-in-progress = En cours
mission-state-blocked = Bloqué
mission-state-done = Terminé
mission-state-invoiced = Facturée
mission-state-cancelled = Annulée
mission-priority-low = Basse
mission-priority-normal = Normale
mission-priority-high = Haute
mission-priority-emergency = Urgence
mission-action-publish = Publier
mission-action-accept = Accepter
mission-action-start = Démarrer
mission-action-block = Signaler un blocage
mission-action-resume = Reprendre
mission-action-complete = Terminer
mission-action-invoice = Facturer
mission-action-cancel = Annuler l’intervention

mission-reference = Référence
mission-title = Intitulé
mission-customer = Client
mission-planned = Prévue le
mission-planned-date = Jour prévu
mission-planned-time = Heure prévue
mission-duration = Durée prévue
mission-duration-hint = En heures : 2:30, 2h30 ou 2,5. Sans heure, la journée commence à 08:00.
mission-state = État
mission-state-since = depuis le { $when }
mission-technician = Technicien
mission-technicians = Techniciens
mission-no-technician = Aucun technicien pour l’instant : une fois publiée, tout technicien peut l’accepter.
mission-no-technician-yet = Personne pour l’instant
mission-address = Adresse d’intervention
mission-address-hint = Laissez vide pour l’adresse du client (son adresse de livraison s’il en a une).
mission-site = Site de stock des pièces
mission-priority = Priorité
mission-customer-reference = Référence du client
mission-hourly-rate = Taux horaire
mission-hourly-rate-hint = En { $currency }, hors taxes. Vide : le taux de l’entreprise.
mission-caller = Appelant
mission-caller-phone = Son téléphone
mission-description = Description
mission-section-what = Quoi et pour qui
mission-section-when = Quand, d’où, qui
mission-create = Créer l’intervention
mission-new-title = Nouvelle intervention
mission-created = Intervention créée.
mission-edit = Modifier l’intervention
mission-edit-title = Modifier
mission-section-schedule = Quand, à quelles conditions
mission-save = Enregistrer les modifications
mission-updated = Intervention enregistrée.
mission-back = Retour à l’intervention
mission-moved = C’est fait.
mission-steps-title = Étape suivante
mission-note-reason = Motif
mission-note-report = Compte rendu des travaux
mission-facts-title = L’intervention
mission-assign = Ajouter un technicien
mission-assign-submit = Ajouter
mission-unassign = Retirer
technician-assigned = Technicien ajouté.
technician-unassigned = Technicien retiré.
mission-time-title = Temps saisi
mission-time-empty = Aucun temps saisi sur cette intervention pour l’instant.
mission-timeline-title = Historique
timeline-created = Créée : { $state }
timeline-moved = { $from } → { $to }

emergency-new-title = Enregistrer une urgence
emergency-intro = Un client appelle pour une urgence : la demande est publiée aussitôt et affichée en tête de l’accueil de chaque responsable jusqu’à ce qu’un technicien l’accepte.
emergency-section-call = L’appel
emergency-section-who = Qui intervient
emergency-what = Ce qui se passe
emergency-any-technician = Le premier technicien qui accepte
emergency-record = Enregistrer l’urgence
emergency-recorded = Urgence enregistrée : les techniciens peuvent l’accepter dès maintenant.
emergencies-title = Urgences en attente d’un technicien
emergency-waiting =
    { $n ->
        [one] en attente depuis { $count } minute
       *[other] en attente depuis { $count } minutes
    }

my-time-title = Mes heures
team-time-title = Heures de l’équipe
time-record-title = Saisir des heures
time-correct-title = Corriger une saisie
time-no-mission = Vous n’êtes sur aucune intervention en cours : dès que vous en acceptez une, vous pouvez saisir vos heures ici.
time-mission = Intervention
time-date = Jour
time-start = Début
time-end = Fin
time-next-day = La fin est le lendemain (travail de nuit)
time-or-duration = Ou, sans heures, la durée :
time-duration = Durée
time-break = Pause (minutes)
time-note = Note
time-save = Enregistrer
time-recorded = Heures enregistrées.
time-deleted = Saisie supprimée.
time-correct = Corriger
time-delete = Supprimer
time-week-of = Semaine du { $from } au { $to }
time-week-nav = Semaines
time-previous-week = ← Semaine précédente
time-next-week = Semaine suivante →
time-week-total = Total : { $total }
time-week-empty = Aucune heure cette semaine.
time-span = Horaires
time-worked = Travaillé
time-status = Statut
time-total = Total
time-decision = Décision
time-approve = Valider
time-approved = Saisie validée.
time-approve-week =
    { $n ->
        [one] Valider la saisie en attente cette semaine
       *[other] Valider les { $count } saisies en attente cette semaine
    }
week-approved = Semaine validée.
time-return = Renvoyer
time-return-reason = Motif du renvoi
time-returned = Saisie renvoyée à son technicien.
time-returned-because = Renvoyée : { $reason }
time-break-minutes =
    { $n ->
        [one] { $count } minute de pause
       *[other] { $count } minutes de pause
    }
time-status-recorded = En attente de validation
time-status-returned = Renvoyée
time-status-approved = Validée
time-status-invoiced = Facturée
mission-parts-title = Pièces utilisées
mission-parts-empty = Aucune pièce sortie pour cette intervention pour l’instant.
part-article = Code article
part-designation = Article
part-quantity = Quantité
part-cost = Coût
part-withdraw = Sortir pour l’intervention
part-withdrawn = Pièce sortie du site de l’intervention.
mission-invoice-title = Facturer l’intervention
mission-invoice-intro = Un brouillon des heures validées au taux horaire de l’intervention et des pièces à leur prix de vente. L’émettre marque ensemble les heures et l’intervention comme facturées.
mission-invoice-create = Créer le brouillon de facture
mission-draft-created = Brouillon de facture créé depuis l’intervention.
mission-open-invoice = Ouvrir la facture de l’intervention
planning-title = Planning
agenda-title = Mon agenda
planning-nobody = Personne pour l’instant
planning-empty = Aucune intervention prévue cette semaine.
planning-caption = Interventions de la semaine, par technicien et par jour
