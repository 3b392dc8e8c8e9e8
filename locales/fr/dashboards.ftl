dashboards-title = Tableaux de bord
dashboards-intro = Les chiffres de votre rôle d'un coup d'œil. Chaque chiffre ouvre la liste qui le détaille.
dashboard-operations = Opérations
dashboard-finance = Finances
dashboard-platform = Plateforme
dashboard-as-of = Chiffres au { $when } ; ils se mettent à jour toutes les 30 secondes tant que la page est ouverte avec JavaScript.
dashboard-value = Valeur

dashboard-stock-value = Valeur du stock
dashboard-critical = Niveaux de stock critiques
dashboard-low = Niveaux de stock bas
dashboard-missions-open = Missions à réaliser
dashboard-emergencies = Urgences en attente d'un technicien
dashboard-longest-wait = la plus ancienne depuis { $time }
dashboard-week-hours = Heures des techniciens cette semaine
dashboard-chart-sites = Valeur du stock par site
dashboard-site = Site
dashboard-no-sites = Aucun site pour l'instant : la valeur du stock par site apparaîtra dès qu'un site aura du stock.
dashboard-chart-missions = Missions par état
dashboard-state = État
dashboard-chart-hours = Heures saisies la semaine du { $from }, par technicien
dashboard-technician = Technicien
dashboard-no-technicians = Aucun technicien dans cette entreprise pour l'instant.

dashboard-invoices =
    { $n ->
        [0] aucune facture
        [one] une facture
       *[other] { $count } factures
    }
dashboard-payments =
    { $n ->
        [0] aucun règlement
        [one] un règlement
       *[other] { $count } règlements
    }
dashboard-invoiced-this-month = Facturé ce mois-ci
dashboard-invoiced-last-month = Facturé le mois dernier
dashboard-receivable = Reste à encaisser
dashboard-overdue = En retard
dashboard-collected = Encaissé ce mois-ci
dashboard-month-to-date = { $month }, à ce jour
dashboard-chart-invoiced = Facturé : ce mois-ci et le mois dernier
dashboard-period = Période
dashboard-chart-receivables = Reste à encaisser, par âge de la facture
dashboard-age = Âge
dashboard-age-0-30 = 0 à 30 jours
dashboard-age-31-60 = 31 à 60 jours
dashboard-age-61-90 = 61 à 90 jours
dashboard-age-over-90 = Plus de 90 jours
dashboard-finance-note = Montants TTC. Facturé : factures émises sur la période moins les avoirs émis sur la même période. L'âge compte les jours depuis l'émission de la facture ; en retard : échue avant aujourd'hui et pas entièrement réglée.

dashboard-alerts-open = Alertes ouvertes
dashboard-security-events = Activité de stock inhabituelle, dernières 24 heures
dashboard-sign-in-failures = Connexions échouées, dernières 24 heures
dashboard-locked-accounts = Comptes verrouillés
dashboard-chart-alerts = Alertes ouvertes par gravité
dashboard-severity = Gravité
dashboard-chart-security = Activité de stock inhabituelle des dernières 24 heures, par gravité
dashboard-flags = Fonctionnalités
dashboard-feature = Fonctionnalité
dashboard-flag-name = Nom
dashboard-flag-state = État
dashboard-flag-on = Activée
dashboard-flag-off = Désactivée
dashboard-flags-note = Les fonctionnalités se gèrent dans Gouvernance → Fonctionnalités.

flag-bulk-stock-import = Imports de stock depuis des fichiers CSV
flag-auto-reorder-suggestions = Suggestions de réapprovisionnement
flag-invoicing = Facturation
flag-missions = Missions et feuilles de temps

dashboard-export = Exporter les chiffres
dashboard-export-intro = Les chiffres de ce tableau mois par mois, en fichier CSV pour un tableur (montants avec leurs centimes, heures en heures décimales). 36 mois au plus ; le mois en cours compte jusqu'à aujourd'hui.
dashboard-export-from = Du mois
dashboard-export-to = Au mois
dashboard-export-submit = Télécharger le fichier CSV

home-dashboards = Vos tableaux de bord
