home-title = Accueil
home-today = Nous sommes le { $date }
home-last-login = dernière connexion le { $when }
home-first-login = première connexion
home-sites = sites
home-members = membres
home-more-soon = Les chiffres du stock, des factures et des interventions apparaîtront ici à mesure que ces modules seront construits.
