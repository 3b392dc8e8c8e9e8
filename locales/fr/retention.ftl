retention-intro = Combien de temps la loi impose de garder chaque type d’enregistrement de votre entreprise, en France et en Algérie, et l’âge de ce que vous détenez. L’essentiel est un historique qu’Atelier ne supprime jamais ; les sessions terminées et les événements de sécurité dont la durée de conservation est écoulée peuvent être purgés.
retention-policies = Durées de conservation
retention-data = Données
retention-basis = Fondement légal
retention-active = Actives
retention-archive = Archives
retention-eligible = Durée écoulée
retention-oldest = Plus ancienne
retention-purge = Purge
retention-years = { $n ->
    [one] { $count } an
   *[other] { $count } ans
}
retention-years-from-year-end = { $n ->
    [one] { $count } an à compter de la clôture de l’exercice
   *[other] { $count } ans à compter de la clôture de l’exercice
}
retention-bands = Actives : des douze derniers mois (une session : pas encore terminée). Archives : plus anciennes, encore sous leur durée de conservation. Durée écoulée : leur durée de conservation est passée (avec un jour de marge).
retention-automatic = Le serveur supprime aussi lui-même les sessions un an après leur fin.
retention-not-advice = Les durées sont celles d’Atelier par défaut ; les textes sont ceux dont elles viennent ou qui s’y rapportent. Vérifiez-les avec votre expert-comptable ou votre avocat.
retention-dry-run = Que supprimerait une purge ?
retention-dry-run-title = Simulation : { $name }
retention-dry-run-rows = { $count } enregistrements « { $name } » sont antérieurs au { $before } : leur durée de conservation est écoulée.
retention-dry-run-span = Le plus ancien date du { $from }, le plus récent du { $to }.
retention-nothing-to-purge = Rien à purger : aucune durée de conservation n’est écoulée.
retention-admins-purge = Seuls les administrateurs peuvent purger.
retention-confirm = { $n ->
    [one] Je comprends que cet enregistrement sera supprimé définitivement.
   *[other] Je comprends que ces { $count } enregistrements seront supprimés définitivement.
}
retention-purge-now = Purger maintenant
retention-purges = Purges
retention-no-purges = Aucune purge pour l’instant.
retention-started = Lancée le
retention-finished = Terminée le
retention-by = Par
retention-status = État
retention-deleted = Supprimés
retention-back = Retour à la conservation
retention-status-running = En cours
retention-status-done = Terminée
retention-status-failed = Arrêtée
retention-status-interrupted = Interrompue
retention-purge-title = Purge
retention-purge-of = Purge : { $name }
retention-purge-running = Suppression en cours, mille enregistrements à la fois…
retention-purge-progress = { $count } enregistrements sur { $total } antérieurs au { $before } supprimés.
retention-purge-done = Terminé : { $count } enregistrements « { $name } » antérieurs au { $before } supprimés.
retention-purge-stopped = Arrêtée après { $count } enregistrements sur { $total }. Ce qui a été supprimé l’est ; le reste est toujours là, et une nouvelle purge s’en chargera.
retention-stopped-by-mode = Le mode d’urgence de l’entreprise interdit désormais les modifications.
retention-kept-ledger-chain-short = Conservées : maillons du grand livre
retention-kept-stock-history-short = Conservés : historique du stock
retention-kept-lot-movements-short = Conservés : cités par les mouvements
retention-kept-audit-chain-short = Conservé : chaîne d’audit

retention-type-invoices = Factures
retention-type-payments = Paiements
retention-type-stock-movements = Mouvements de stock
retention-type-receipts = Réceptions de marchandises
retention-type-audit-logs = Journal d’audit
retention-type-security-logs = Événements de sécurité
retention-type-deliveries = Bons de livraison
retention-type-lots = Lots
retention-type-session-tokens = Sessions
retention-type-sync-events = Synchronisations des appareils

retention-basis-fr-invoices = Code de commerce, art. L123-22 : documents comptables et pièces justificatives, 10 ans ; Livre des procédures fiscales, art. L102 B : 6 ans pour l’administration fiscale.
retention-basis-dz-invoices = Code de commerce (ordonnance 75-59), art. 12 : livres et pièces justificatives, 10 ans.
retention-basis-fr-payments = Code de commerce, art. L123-22 : écritures comptables, 10 ans ; Livre des procédures fiscales, art. L102 B : 6 ans.
retention-basis-dz-payments = Code de commerce, art. 9 et 12 : le livre-journal et ses pièces justificatives, 10 ans.
retention-basis-fr-stock-movements = Code de commerce, art. L123-12 et L123-22 : l’inventaire et les pièces justificatives des comptes, 10 ans.
retention-basis-dz-stock-movements = Code de commerce, art. 10 et 12 : l’inventaire annuel et ses documents, 10 ans.
retention-basis-fr-receipts = Code de commerce, art. L123-22 : les réceptions justifient les comptes, 10 ans.
retention-basis-dz-receipts = Code de commerce, art. 12 : pièces justificatives, 10 ans.
retention-basis-fr-audit-logs = Pas de durée propre : gardé avec les enregistrements qu’il retrace (Code de commerce, art. L123-22, 10 ans) ; l’art. 289 VII du CGI exige une piste d’audit fiable de la facturation.
retention-basis-dz-audit-logs = Loi 07-11 (système comptable financier), art. 19 : écritures rendues intangibles à la clôture ; gardé avec les enregistrements (Code de commerce, art. 12, 10 ans).
retention-basis-fr-security-logs = RGPD art. 5.1.e : pas plus longtemps que nécessaire ; la CNIL (délibération 2021-122) recommande 6 mois à 1 an pour les journaux, sauf risque justifiant davantage.
retention-basis-dz-security-logs = Loi 18-07 (données personnelles) : gardées le temps nécessaire à leur finalité ; loi 09-04 : 1 an pour les données de trafic des fournisseurs de services.
retention-basis-fr-deliveries = Code de commerce, art. L110-4 : obligations commerciales, 5 ans ; celles qui justifient les comptes, art. L123-22, 10 ans.
retention-basis-dz-deliveries = Décret exécutif 05-468 (factures, bons de transfert et de livraison) ; ceux qui justifient les livres, Code de commerce, art. 12, 10 ans.
retention-basis-fr-lots = Règlement (CE) 178/2002, art. 18 : traçabilité des lots (5 ans dans ses lignes directrices, pour l’alimentaire) ; les lots cités en comptabilité suivent l’art. L123-22.
retention-basis-dz-lots = Pas de texte général : les lots cités en comptabilité suivent le Code de commerce, art. 12.
retention-basis-fr-session-tokens = RGPD art. 5.1.e : pas plus longtemps que nécessaire ; la CNIL recommande 6 mois à 1 an pour les journaux de connexion.
retention-basis-dz-session-tokens = Loi 18-07 : gardées le temps nécessaire à leur finalité ; loi 09-04 : 1 an pour les données de trafic.
retention-basis-fr-sync-events = RGPD art. 5.1.e : pas plus longtemps que nécessaire.
retention-basis-dz-sync-events = Loi 18-07 : gardés le temps nécessaire à leur finalité.

field-retention-unknown-type = Ce n’est pas un type de données du tableau de conservation.
field-retention-kept-ledger-chain = Jamais purgés : factures et paiements sont des maillons de la chaîne d’empreintes du grand livre, qui prouve qu’aucun n’a été modifié. Archivez-les avec l’export du grand livre.
field-retention-kept-stock-history = Jamais purgés : les niveaux de stock et les lots sont la somme des mouvements.
field-retention-kept-lot-movements = Jamais purgés : chaque lot est cité par les mouvements qui l’ont reçu et utilisé, gardés 10 ans.
field-retention-kept-audit-chain = Jamais purgé : chaque entrée du journal porte l’empreinte de la précédente. Exportez le journal pour en garder une copie.
field-retention-not-held = Atelier ne détient pas ce type de données.
field-retention-confirm-required = Cochez la case pour confirmer que les enregistrements seront supprimés définitivement.
error-retention-purge-running = Une purge de votre entreprise est déjà en cours : attendez sa fin.
error-retention-nothing-to-purge = Rien de ce type n’a dépassé sa durée de conservation : il n’y a rien à purger.
error-retention-purge-interrupted = Son serveur s’est arrêté pendant la purge.

audit-kind-retention-purge-started = Purge lancée
audit-kind-retention-purged = Purge terminée
audit-kind-retention-purge-failed = Purge arrêtée
purge-started = La purge est lancée : sa page la suit jusqu’à sa fin.
retention-counted = Compté à { $time } ; recompté après une minute, et à la fin d’une purge.
