company-profile-title = Profil de l’entreprise
company-profile-summary = Identité légale, coordonnées bancaires et réglages de facturation, tels que les factures les impriment.
company-fixed = { $country }, montants en { $currency } : fixés à la création de l’entreprise.
company-updated = Dernier enregistrement le { $time }.
company-never-saved = Jamais enregistré depuis cette page.
company-missing-title = Avant la première facture
company-missing-intro = Aucune facture ne peut être émise tant que le profil ne donne pas :
company-complete = Le profil donne tout ce que chaque facture exige.
company-section-identity = Identité légale
company-section-address = Siège social
company-section-contact = Contact sur les documents
company-section-registration = Immatriculations
company-section-bank = Coordonnées bancaires imprimées sur les factures
company-section-invoicing = Facturation
company-legal-form-hint = SARL, SAS, SPA, EURL… Pour un entrepreneur individuel, écrivez EI : ni capital ni RCS ne sont alors exigés.
company-penalty-hint = Taux annuel appliqué aux retards de paiement des clients professionnels (France : au moins trois fois le taux d’intérêt légal). L’indemnité forfaitaire de recouvrement de 40 € est imprimée d’office.
company-prefix-hint = Les numéros s’écrivent PRÉFIXE-ANNÉE-SÉQUENCE, par ex. F-2026-00042. Changer de préfixe ouvre de nouvelles séries ; les numéros émis ne changent jamais.
company-profile-saved = Profil enregistré.
company-save = Enregistrer le profil
country-fr = France
country-dz = Algérie
label-legal-name = Raison sociale
label-legal-form = Forme juridique
label-share-capital = Capital social
label-street = Rue
label-street2 = Complément d’adresse
label-postcode = Code postal
label-city = Ville
label-phone = Téléphone
label-siren = SIREN
label-siret = SIRET (siège)
label-vat-number = Numéro de TVA intracommunautaire
label-rcs-city = Ville du RCS
label-nif = NIF
label-nis = NIS
label-rc = Registre du commerce (RC)
label-ai = Article d’imposition (AI)
label-bank-account = IBAN (ou RIB)
label-bic = BIC
label-payment-terms = Délai de paiement (jours)
label-late-penalty-rate = Taux des pénalités de retard (% par an)
label-invoice-prefix = Préfixe des numéros de facture
label-credit-note-prefix = Préfixe des numéros d’avoir
label-document-lang = Langue des documents
customers-title = Clients
customers-intro = Ceux que vous facturez : entreprises et particuliers, avec les identifiants que leurs factures exigent.
customers-search = Rechercher (nom, ville, e-mail, SIREN, NIF…)
customers-empty = Aucun client pour l’instant. Créez le premier, ou importez un fichier.
customers-none-found = Aucun client ne correspond à cette recherche.
customers-next-page = Clients suivants →
customers-export-csv = Exporter en CSV
customers-count =
    { $n ->
        [one] Un client.
       *[other] { $count } clients.
    }
customers-imported =
    { $n ->
        [one] Un client importé.
       *[other] { $count } clients importés.
    }
customer-kind = Type
customer-identifier = SIREN / NIF
customer-new-title = Nouveau client
customer-edit-title = Modifier ce client
customer-import-title = Importer des clients
customer-import-intro = Un fichier CSV avec un client par ligne. Chacun doit avoir un nom, une rue, un code postal et une ville ; les identifiants sont ceux du pays de l’entreprise. Un client déjà connu (même nom et même code postal) est refusé sur sa ligne.
customer-import-required = Colonnes obligatoires
customer-import-columns = Colonnes
customer-import-submit = Vérifier et importer
import-problems = Problèmes du fichier
customer-create = Créer le client
customer-save = Enregistrer les modifications
customer-created = Client créé.
customer-updated = Client enregistré.
customer-deleted = Client supprimé.
customer-section-identity = Client
customer-section-address = Adresse de facturation
customer-section-delivery = Adresse de livraison
customer-section-registration = Immatriculations
customer-delivery-hint = Seulement si les marchandises sont livrées ailleurs : sinon, laissez vide.
customer-registration-hint = Exigés sur les factures d’une entreprise (France : son SIREN ; Algérie : son NIF et son RC). Un particulier n’en a pas.
customer-terms-hint = Laissez vide pour appliquer le délai de l’entreprise.
customer-terms-days =
    { $n ->
        [0] paiement à réception
        [one] 1 jour
       *[other] { $count } jours
    }
customer-terms-company = le délai de l’entreprise
customer-dates = Créé le { $created }, modifié le { $updated }.
customer-delete-title = Supprimer ce client
customer-delete-intro = Un client qui a des factures (brouillons compris) ne peut pas être supprimé ; les factures gardent ses coordonnées.
customer-delete = Supprimer le client
label-customer-name = Nom ou raison sociale
label-customer-email = Factures envoyées à (e-mail)
label-customer-terms = Délai de paiement (jours)
label-siret-customer = SIRET
label-delivery-street = Rue de livraison
label-delivery-street2 = Complément d’adresse de livraison
label-delivery-postcode = Code postal de livraison
label-delivery-city = Ville de livraison
company-logo-title = Logo
company-logo-alt = Le logo de l’entreprise
company-logo-none = Pas encore de logo : les documents impriment le nom de l’entreprise à la place.
company-logo-file = Image (PNG ou JPEG)
company-logo-hint = 1 Mo et 4096 pixels de côté au plus. Elle est redimensionnée pour tenir dans 800 × 300 pixels et enregistrée en PNG.
company-logo-upload = Envoyer le logo
company-logo-remove = Retirer le logo
company-logo-saved = Logo enregistré.
company-logo-removed = Logo retiré.
label-hourly-rate = Taux horaire d’un technicien (hors taxes, si l’intervention n’en précise pas)
