# Le journal des événements métier.
event-invoice-issued = Facture émise
event-credit-note-issued = Avoir émis
event-payment-received = Paiement reçu
event-emergency-created = Urgence signalée
event-mission-blocked = Intervention bloquée
event-stock-critical = Stock au niveau critique
events-title = Événements métier
events-intro = Ce qui compte dans la vie de l’entreprise : factures émises, paiements reçus, urgences, interventions bloquées, stock au niveau critique. Chaque événement est enregistré avec le changement qui l’a causé et n’est jamais modifié.
events-severity = Gravité
events-kind = Événement
events-when = Quand
events-subject = Objet
events-who = Par
events-empty = Aucun événement enregistré pour l’instant.
events-none-found = Aucun événement ne correspond à ces filtres.
events-older = Événements plus anciens
events-all-kinds = Tous
