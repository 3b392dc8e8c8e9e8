stock-sites-intro = Entrepôts, dépôts et magasins où le stock est conservé.
sites-title = Sites
sites-filter = Rechercher un site
sites-empty = Aucun site pour l’instant. Créez le premier ci-dessous.
sites-count = { $shown } sur { $total } sites
sites-created = Créé le
sites-updated = Modifié le
sites-create-title = Nouveau site
sites-create-submit = Créer le site
sites-rename-title = Renommer
sites-rename-submit = Enregistrer le nom
label-site-code = Code
label-site-name = Nom
label-site-city = Ville
site-created = Site créé.
site-renamed = Site renommé.
stock-list-title = Stock par article
stock-list-intro = Chaque article avec sa quantité et sa valeur, réceptions et sorties.
stock-search = Rechercher
stock-site = Site
stock-all-sites = Tous les sites
stock-below-min = Sous le minimum seulement
stock-empty = Aucun article ne correspond.
stock-next-page = Articles suivants
stock-code = Code
stock-designation = Désignation
stock-category = Catégorie
stock-quantity = Quantité
stock-value = Valeur
stock-low = sous le minimum
stock-min-max = Minimum / maximum
stock-levels = Stock par site
stock-open-lots = Lots en stock
stock-expires = expire le { $date }
stock-receive-title = Réceptionner
stock-receive-submit = Enregistrer la réception
stock-received = Réception enregistrée.
stock-withdraw-title = Sortir du stock
stock-withdraw-submit = Enregistrer la sortie
stock-withdrawn = Sortie enregistrée.
stock-no-movements = Aucun mouvement pour l’instant.
stock-movements = Derniers mouvements
stock-when = Quand
stock-movement-kind = Mouvement
label-quantity = Quantité
label-unit-cost = Coût unitaire
label-lot-number = Numéro de lot
label-expiry = Date de péremption
label-reference = Référence
label-withdraw-reason = Motif (chantier, client…)
movement-receipt = Réception
movement-issue = Sortie
movement-transfer-out = Transfert sortant
movement-transfer-in = Transfert entrant
movement-adjustment = Ajustement d’inventaire
movement-reversal = Annulation
stock-transfer-title = Transférer vers un autre site
stock-transfer-submit = Enregistrer le transfert
stock-transferred = Transfert enregistré.
label-from-site = De
label-to-site = Vers
stock-adjust-title = Comptage physique
stock-adjust-submit = Enregistrer le comptage
stock-adjusted = Comptage enregistré ; l’écart a été passé.
label-counted = Quantité comptée
label-adjust-reason = Motif (inventaire, casse…)
stock-reverse = Annuler
stock-reversed = Opération annulée.
label-reverse-reason = Motif de l’annulation
stock-export-csv = Télécharger en CSV
stock-minimum = Minimum
stock-who = Par
alerts-title = Alertes de stock
alerts-intro =
    { $n ->
        [0] Aucun niveau sous son minimum.
        [one] Un niveau est sous son minimum.
       *[other] { $count } niveaux sont sous leur minimum.
    }
alerts-empty = Tous les niveaux sont à leur minimum ou au-dessus.
alerts-critical = Critiques : vides, ou sous la moitié du minimum
alerts-low = Bas : sous le minimum
alerts-none-here = Aucun.
valuation-title = Valorisation du stock
valuation-intro = La valeur du stock au coût moyen pondéré, par site et par catégorie.
valuation-total = Valeur totale du stock :
valuation-method = Coût moyen pondéré, mis à jour à chaque mouvement.
valuation-by-site = Par site
valuation-by-category = Par catégorie
valuation-lines = Articles en stock
valuation-no-category = Sans catégorie
lots-title = Traçabilité des lots
lots-intro = Chaque entrée et sortie d’un lot, pour un rappel.
lots-search = Tracer
lots-ask = Saisissez un numéro de lot pour voir où ce lot est allé.
lots-none = Aucun lot ne porte ce numéro.
lots-where = Où se trouve le lot
lots-remaining = Restant
lots-transferred = transféré
lots-movements = Tous les mouvements du lot
expiring-title = Lots bientôt périmés
expiring-intro = Les lots encore en stock qui arrivent à péremption, ou l’ont dépassée.
expiring-within = Périmés d’ici
expiring-days = { $days } jours
expiring-none = Aucun lot en stock n’arrive à péremption sur cette période.
anomalies-title = Anomalies de stock
anomalies-intro = Les mouvements acceptés mais inhabituels : fortes variations, mouvements de nuit.
anomalies-rules = Un mouvement qui fait varier un niveau de plus que le seuil de la société (50 % par défaut), ou fait en horaires inhabituels (22 h – 5 h par défaut), est enregistré ici comme avertissement.
anomalies-none = Aucune anomalie enregistrée.
anomalies-severity = Gravité
anomalies-kind = Anomalie
anomalies-change = Variation du niveau
severity-info = Information
severity-warning = Avertissement
severity-critical = Critique
anomaly-stock-large-change = Forte variation d’un niveau
anomaly-stock-unusual-hours = Mouvement en horaires inhabituels
reorder-title = Suggestions de réapprovisionnement
reorder-intro = Ce qu’il faut commander pour ramener chaque niveau sous son minimum à son maximum.
reorder-none = Rien à commander : tous les niveaux sont à leur minimum ou au-dessus.
reorder-download = Télécharger la commande en CSV
reorder-estimate = Estimation aux prix d’achat : { $amount }
reorder-quantity = À commander
reorder-cost = Coût estimé
import-title = Import CSV
import-intro = Articles et stock initial depuis un tableur.
import-read-only = Votre rôle ne permet pas d’importer.
import-form-title = Importer un fichier
import-kind = Contenu du fichier
import-kind-articles = Articles
import-kind-opening-stock = Stock initial
import-file = Fichier CSV
import-hint = Séparateur virgule ou point-virgule, virgule ou point décimal, UTF-8 ou Windows-1252 (comme l’enregistre un tableur). La première ligne nomme les colonnes, comme ci-dessous (les intitulés français sont aussi compris). Chaque ligne est d’abord vérifiée : si l’une est fausse, rien n’est importé et vous obtenez la liste des problèmes.
import-submit = Vérifier et importer
import-history = Derniers imports
import-history-empty = Aucun import pour l’instant.
import-outcome = Résultat
import-outcome-imported =
    { $n ->
        [one] { $count } ligne importée
       *[other] { $count } lignes importées
    }
import-outcome-refused =
    { $n ->
        [one] refusé : { $count } problème
       *[other] refusé : { $count } problèmes
    }
import-outcome-failed = échec ; rien n’a été importé
import-phase-checking = Vérification de chaque ligne…
import-phase-writing = Import en cours…
import-phase-done = Finalisation…
import-rows-done = { $done } lignes sur { $total }
import-done =
    { $n ->
        [one] Import terminé : { $count } ligne importée.
       *[other] Import terminé : { $count } lignes importées.
    }
import-another = Importer un autre fichier
import-refused =
    { $n ->
        [one] Rien n’a été importé : le fichier comporte { $count } problème. Corrigez-le et importez à nouveau le fichier.
       *[other] Rien n’a été importé : le fichier comporte { $count } problèmes. Corrigez-les et importez à nouveau le fichier.
    }
import-line = Ligne
import-column = Colonne
import-problem = Problème
import-more-errors =
    { $n ->
        [one] …et { $count } autre problème non listé.
       *[other] …et { $count } autres problèmes non listés.
    }
import-try-again = Importer un fichier corrigé
import-failed = L’import a échoué de notre côté. Rien n’a été importé ; veuillez réessayer.
article-new-title = Nouvel article
article-new-intro = Créer un article avec ses prix, sa TVA et ses seuils de stock.
article-edit-title = Modifier l’article
article-edit = Modifier l’article
article-create = Créer l’article
article-save = Enregistrer l’article
article-created = Article créé.
article-updated = Article enregistré.
article-inactive = inactif
article-form-hint = Prix hors taxes ; virgule ou point décimal. Seuils de stock dans l’unité de l’article.
label-article-code = Code
label-designation = Désignation
label-category = Catégorie
label-family = Famille
label-unit = Unité (u, m, kg…)
label-purchase-price = Prix d’achat
label-sale-price = Prix de vente
label-vat-rate = Taux de TVA (%)
label-min-stock = Stock minimum
label-max-stock = Stock maximum
label-article-active = En usage (un article inactif quitte la liste du stock)
stock-all-categories = Toutes les catégories
label-lot = Lot
lot-automatic = Automatique : premier à expirer, puis premier reçu
