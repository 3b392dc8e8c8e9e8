governance-integrity = Contrôle d’intégrité
governance-integrity-hint = Recalculer le stock, la numérotation des factures, les PDF, les chaînes de hachage, les missions et les temps approuvés, et lister ce qui ne tient pas.
integrity-intro = Les bases de données d’Atelier refusent presque toute modification qui enfreindrait ces règles. Le contrôle les recalcule à partir des enregistrements dont elles découlent et trouve ce qui serait passé malgré tout : une base modifiée à la main, une restauration endommagée, un déclencheur supprimé.
integrity-what = Ce que le contrôle recalcule
integrity-how = Il ne fait que lire les données de votre société : il peut donc être lancé à tout moment, dans tous les modes d’urgence ; il prend quelques secondes pour un million de mouvements de stock. Chaque contrôle est conservé ci-dessous et inscrit au journal d’audit.
integrity-run = Lancer le contrôle
integrity-started = Le contrôle a commencé.
integrity-runs = Derniers contrôles
integrity-no-runs = Aucun contrôle n’a encore été lancé.
integrity-violations = Anomalies
integrity-by-operator = Opérateur de la plateforme
integrity-holds = Conforme
integrity-violated = Anomalies trouvées
integrity-run-title = Contrôle d’intégrité
integrity-running = Contrôle en cours…
integrity-progress = Règle { $done } sur { $total } faite ; en cours : { $rule }.
integrity-stopped = Le contrôle s’est arrêté avant la fin.
integrity-back = Retour au contrôle d’intégrité
integrity-all-hold = Toutes les règles sont respectées.
integrity-found = { $n ->
    [one] Une anomalie trouvée.
   *[other] { $count } anomalies trouvées.
}
integrity-what-next = Rien n’a été modifié. Conservez ce rapport, cherchez ce qui a modifié les enregistrements (journal d’audit, journaux de votre base de données) et, si besoin, restaurez une sauvegarde antérieure.
integrity-rule = Règle
integrity-checked = Enregistrements contrôlés
integrity-more = { $n ->
    [one] …et une autre.
   *[other] …et { $count } autres.
}
integrity-time-entry = { $day }, mission { $mission }
integrity-nothing = rien

integrity-rule-stock-levels = Les niveaux de stock égalent la somme de leurs mouvements, jamais sous zéro
integrity-rule-stock-lots = Les lots égalent la somme de leurs mouvements, jamais sous zéro
integrity-rule-invoice-numbers = Numéros de factures et d’avoirs : ni trou ni doublon, par série et par exercice
integrity-rule-invoice-pdfs = Le PDF de chaque document émis correspond à son SHA-256 et au registre
integrity-rule-ledger = La chaîne de hachage du registre est intacte
integrity-rule-audit-log = La chaîne de hachage du journal d’audit est intacte
integrity-rule-missions = Chaque mission est dans l’état où mène son historique
integrity-rule-time-entries = Aucun temps approuvé n’a changé après son approbation

integrity-finding-level-negative = { $subject } : le niveau est sous zéro ({ $found }).
integrity-finding-level-quantity = { $subject } : le niveau indique { $found }, ses mouvements totalisent { $expected }.
integrity-finding-level-value = { $subject } : le niveau vaut { $found }, ses mouvements totalisent { $expected }.
integrity-finding-level-missing = { $subject } : des mouvements totalisent { $expected } mais le niveau n’existe pas.
integrity-finding-lot-negative = Lot { $subject } : sous zéro ({ $found }).
integrity-finding-lot-remaining = Lot { $subject } : { $found } restant, ses mouvements totalisent { $expected }.
integrity-finding-number-missing = { $subject } : émis sans numéro d’ordre.
integrity-finding-number-duplicate = { $subject } : ce numéro est utilisé plus d’une fois.
integrity-finding-number-gap = { $subject } : ce numéro manque dans la série.
integrity-finding-counter-missing = { $subject } : des documents sont numérotés jusqu’à { $expected } mais la série n’a pas de compteur.
integrity-finding-counter-behind = { $subject } : le compteur indique { $found }, les documents sont numérotés jusqu’à { $expected }.
integrity-finding-pdf-missing = { $subject } : le PDF tel qu’émis est absent.
integrity-finding-pdf-hash = { $subject } : le PDF ne correspond plus à son SHA-256 (émis { $expected }, maintenant { $found }).
integrity-finding-pdf-not-chained = { $subject } : aucune écriture du registre n’enregistre ce document.
integrity-finding-pdf-chained-differs = { $subject } : le registre a chaîné un autre PDF ({ $expected }) que celui conservé ({ $found }).
integrity-finding-chain-altered = Écriture { $subject } : son contenu ne correspond plus à son empreinte (modifiée).
integrity-finding-chain-unlinked = Écriture { $subject } : elle ne suit pas l’écriture précédente (une écriture manque, a été ajoutée ou déplacée).
integrity-finding-chain-out-of-sequence = Écriture { $subject } : la numérotation saute ou se répète.
integrity-finding-chain-truncated = Écriture { $subject } : la chaîne s’arrête avant sa tête enregistrée (les dernières écritures ont été supprimées).
integrity-finding-mission-step = Mission { $subject } : son historique contient une étape non autorisée ({ $found }).
integrity-finding-mission-state = Mission { $subject } : son état est { $found }, son historique mène à { $expected }.
integrity-finding-mission-count = Missions « { $subject } » : les tableaux de bord en comptent { $found }, il y en a { $expected }.
integrity-finding-time-unapproved = Temps du { $subject } : approuvé, puis repassé à { $found }.
integrity-finding-time-unsealed = Temps du { $subject } : approuvé, mais son approbation n’a jamais été enregistrée.
integrity-finding-time-changed = Temps du { $subject } : modifié après son approbation ({ $found }).

error-integrity-running = Un contrôle est déjà en cours pour cette société : attendez qu’il se termine.
error-integrity-interrupted = Son serveur s’est arrêté pendant le contrôle. Relancez-le.
audit-kind-integrity-checked = Intégrité contrôlée

integrity-field-mission = mission
integrity-field-technician = technicien
integrity-field-date = date
integrity-field-start = début
integrity-field-end = fin
integrity-field-break = pause
integrity-field-minutes = minutes
integrity-field-note = note
integrity-field-approved-by = approuvé par
integrity-field-approved-at = approuvé le
integrity-field-status-recorded = en attente d’approbation
integrity-field-status-returned = renvoyé
