namespace SamenHier.Web.Data;

/// <summary>
/// The words the scale seed draws from: cities with a size weight and postcode area, newcomer
/// origins with their names and languages, and short Dutch texts as people write them.
/// </summary>
internal static class ScaleSeedPools
{
    /// <summary>Slug, name, relative size (about the population), first two digits of its postcodes, welcome groups open.</summary>
    public static readonly (string Slug, string Name, double Weight, int Postcode, bool Welcome)[] Cities =
    [
        // The programme's first cities (ReferenceData) come first, so a small seed uses them.
        ("den-haag", "Den Haag", 7.0, 25, true),
        ("rotterdam", "Rotterdam", 6.5, 30, false),
        ("almere", "Almere", 2.2, 13, false),
        ("haarlem", "Haarlem", 1.7, 20, true),
        ("amsterdam", "Amsterdam", 9.0, 10, true),
        ("groningen", "Groningen", 2.4, 97, false),
        ("leidschendam-voorburg", "Leidschendam-Voorburg", 0.8, 22, true),
        ("utrecht", "Utrecht", 3.6, 35, true),
        ("eindhoven", "Eindhoven", 2.4, 56, false),
        ("tilburg", "Tilburg", 2.2, 50, false),
        ("breda", "Breda", 1.9, 48, true),
        ("nijmegen", "Nijmegen", 1.8, 65, true),
        ("apeldoorn", "Apeldoorn", 1.7, 73, false),
        ("arnhem", "Arnhem", 1.6, 68, false),
        ("enschede", "Enschede", 1.6, 75, true),
        ("s-hertogenbosch", "'s-Hertogenbosch", 1.6, 52, false),
        ("amersfoort", "Amersfoort", 1.6, 38, true),
        ("zaanstad", "Zaanstad", 1.6, 15, false),
        ("zwolle", "Zwolle", 1.3, 80, false),
        ("leiden", "Leiden", 1.3, 23, true),
        ("maastricht", "Maastricht", 1.2, 62, false),
        ("dordrecht", "Dordrecht", 1.2, 33, false),
        ("zoetermeer", "Zoetermeer", 1.3, 27, false),
        ("delft", "Delft", 1.0, 26, true),
        ("deventer", "Deventer", 1.0, 74, false),
        ("leeuwarden", "Leeuwarden", 1.3, 89, false),
        ("alkmaar", "Alkmaar", 1.1, 18, false),
        ("hilversum", "Hilversum", 0.9, 12, false),
        ("emmen", "Emmen", 1.1, 78, false),
        ("venlo", "Venlo", 1.0, 59, false),
        ("helmond", "Helmond", 0.9, 57, false),
        ("gouda", "Gouda", 0.7, 28, true),
        ("hengelo", "Hengelo", 0.8, 75, false),
        ("purmerend", "Purmerend", 0.9, 14, false),
        ("schiedam", "Schiedam", 0.8, 31, false),
        ("lelystad", "Lelystad", 0.8, 82, false),
        ("assen", "Assen", 0.7, 94, false),
        ("roosendaal", "Roosendaal", 0.8, 47, false),
        ("den-helder", "Den Helder", 0.6, 17, false),
        ("vlaardingen", "Vlaardingen", 0.7, 31, false),
    ];

    /// <summary>Towns that asked to start, or are being explored, without groups yet.</summary>
    public static readonly (string Slug, string Name, Features.Cities.CityState State)[] Prospects =
    [
        ("middelburg", "Middelburg", Features.Cities.CityState.Interest),
        ("heerlen", "Heerlen", Features.Cities.CityState.Exploring),
        ("ede", "Ede", Features.Cities.CityState.PartnerFound),
    ];

    /// <summary>Local partner organisations (the city's name is added).</summary>
    public static readonly string[] Partners =
        ["VluchtelingenWerk {0}", "Stichting Welkom {0}", "Diaconie {0}", "Humanitas {0}", "Het Buurtnetwerk {0}"];

    public static readonly string[] Tussenvoegsels = ["van", "van de", "van der", "van den", "de", "den", "ter", "van 't"];

    /// <summary>Residents with roots elsewhere, as in any Dutch street.</summary>
    public static readonly string[] ResidentFirstNamesOther =
        ["Fatima", "Mohamed", "Samira", "Youssef", "Ayşe", "Mehmet", "Elif", "Emre", "Priya", "Rajesh", "Shanti", "Kwame", "Esther", "Lin", "Wei", "Nadia", "Karim", "Dewi", "Anton", "Marisol"];

    public static readonly string[] ResidentLastNamesOther =
        ["El Amrani", "Bouzid", "Yılmaz", "Demir", "Kaya", "Ramdin", "Soekhai", "Boateng", "Mensah", "Chen", "Wang", "Haddou", "Ouali", "Tahiri", "Kowalski", "Nowak", "Santos", "Pinas"];

    public static readonly string[] GroupNameSuffixes =
        ["Verwelkomt", "Samen", "Helpt", "Heet Welkom", "voor Elkaar", "Verbindt", "Doet Mee", "Open Deur", "Buren", "Welkom Thuis"];

    public static readonly string[] Motivations =
    [
        "Wij wonen al jaren in deze buurt en willen iets terugdoen voor mensen die hier opnieuw moeten beginnen.",
        "Als vriendengroep praten we vaak over wat we kunnen doen; nu gaan we het ook echt doen.",
        "Een van ons is zelf als kind gevlucht en weet hoeveel een warm welkom betekent.",
        "We zijn buren, collega's en oud-klasgenoten en hebben samen een breed netwerk in de stad.",
        "Onze kinderen zijn de deur uit en we hebben tijd, ruimte en zin om iemand te helpen.",
        "Via de kerk en de moskee in onze wijk hebben we elkaar leren kennen en willen we samen iets betekenen.",
        "We willen laten zien dat nieuwkomers hier welkom zijn, niet alleen met woorden.",
        "Wij hebben ervaring met taalles en vrijwilligerswerk en willen dat nu als groep inzetten.",
    ];

    public static readonly string[] Occupations =
    [
        "Leraar basisonderwijs", "Verpleegkundige", "Huisarts", "Software-ontwikkelaar", "Accountant", "Gepensioneerd",
        "Student", "Beleidsmedewerker gemeente", "Timmerman", "Kok", "Winkelmedewerker", "Advocaat", "Fysiotherapeut",
        "Projectleider", "Docent Nederlands", "Maatschappelijk werker", "Elektricien", "Journalist", "Ondernemer", "Logistiek medewerker",
    ];

    public static readonly string[] Interests =
        ["Fietsen en wandelen", "Koken en samen eten", "Voetbal", "Muziek maken", "Tuinieren", "Lezen", "Schaken", "Musea", "Hardlopen", "Naaien en handwerk", "Fotografie", "Zwemmen"];

    /// <summary>A newcomer origin: language key, its share, the languages besides, where resettled people wait, given and family names.</summary>
    public sealed record Origin(string Language, double Weight, string[] Also, string[] Locations, string[] Women, string[] Men, string[] Families, bool ResettlementToo);

    public static readonly Origin[] Origins =
    [
        new("ar", 26, ["en", "ku"], ["Beiroet, Libanon", "Bekaa-vallei, Libanon", "Amman, Jordanië", "Zaatari, Jordanië", "Gaziantep, Turkije"],
            ["Rania", "Amal", "Lina", "Noor", "Hiba", "Yasmin", "Dima", "Rasha", "Salma", "Maya", "Hala", "Reem"],
            ["Omar", "Yusuf", "Ahmad", "Khaled", "Mahmoud", "Hassan", "Samer", "Bilal", "Tarek", "Ammar", "Zaid", "Karam"],
            ["Al-Khatib", "Haddad", "Al-Hamwi", "Darwish", "Kassem", "Mansour", "Al-Masri", "Shami", "Hamdan", "Najjar"], true),
        new("ti", 16, ["en", "ar"], ["Shire, Ethiopië", "Addis Abeba, Ethiopië", "Khartoum, Soedan", "Kakuma, Kenia", "Tripoli, Libië"],
            ["Selam", "Mehret", "Helen", "Senait", "Luwam", "Saba", "Feven", "Winta", "Yordanos"],
            ["Daniel", "Yonas", "Filmon", "Tesfay", "Robel", "Henok", "Biniam", "Samuel", "Aron"],
            ["Tesfay", "Gebremariam", "Haile", "Kidane", "Tekle", "Berhane", "Ghebre", "Woldu", "Mebrahtu"], true),
        new("fa", 17, ["en", "ps"], ["Teheran, Iran", "Mashhad, Iran", "Islamabad, Pakistan", "Kaboel, Afghanistan"],
            ["Zahra", "Fatemeh", "Maryam", "Soraya", "Shabnam", "Nargis", "Parisa", "Laleh", "Mina"],
            ["Ali", "Hamid", "Reza", "Mohammad", "Farid", "Javad", "Sohrab", "Karim", "Navid"],
            ["Rahimi", "Ahmadi", "Hosseini", "Karimi", "Sultani", "Noori", "Habibi", "Rezaei", "Azizi"], true),
        new("ps", 5, ["fa", "en"], ["Peshawar, Pakistan", "Islamabad, Pakistan", "Kaboel, Afghanistan"],
            ["Malalai", "Gulalai", "Zarmina", "Palwasha", "Shazia"],
            ["Ahmad", "Wahid", "Zalmai", "Nasir", "Jawad", "Aziz"],
            ["Khan", "Yousafzai", "Durrani", "Popal", "Stanikzai"], true),
        new("so", 8, ["ar", "en"], ["Dadaab, Kenia", "Kakuma, Kenia", "Nairobi, Kenia", "Dollo Ado, Ethiopië"],
            ["Hodan", "Faadumo", "Sahra", "Amina", "Hibo", "Ifrah", "Nasra", "Ubah"],
            ["Abdi", "Mohamed", "Ayaan", "Abdirahman", "Liban", "Hassan", "Mahad", "Yusuf"],
            ["Warsame", "Osman", "Farah", "Jama", "Abdullahi", "Hirsi", "Nur", "Aden"], true),
        new("uk", 13, ["en", "de"], [],
            ["Olena", "Iryna", "Oksana", "Natalia", "Tetiana", "Yulia", "Kateryna", "Svitlana", "Anastasia"],
            ["Andrii", "Oleksandr", "Dmytro", "Serhii", "Mykola", "Yurii", "Bohdan", "Maksym"],
            ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Oliinyk", "Lysenko"], false),
        new("ku", 4, ["ar", "tr"], ["Erbil, Irak", "Duhok, Irak", "Gaziantep, Turkije"],
            ["Rojda", "Berivan", "Nesrin", "Dilan", "Ronahi"],
            ["Rezan", "Dilshad", "Ciwan", "Baran", "Hozan"],
            ["Barzani", "Ali", "Hassan", "Mustafa", "Rashid"], true),
        new("tr", 3, ["en"], [],
            ["Zeynep", "Elif", "Merve", "Ayşe", "Derya"],
            ["Mehmet", "Emre", "Murat", "Can", "Burak"],
            ["Yılmaz", "Kaya", "Demir", "Çelik", "Şahin"], false),
        new("en", 4, ["fr", "ar"], ["Kampala, Oeganda", "Nairobi, Kenia", "Kigali, Rwanda"],
            ["Grace", "Esther", "Faith", "Mercy", "Joy"],
            ["Emmanuel", "Jean", "Patrick", "Eric", "Innocent"],
            ["Mugisha", "Habimana", "Niyonzima", "Kabila", "Mbuyi"], true),
        new("fr", 4, ["en", "ar"], ["Kampala, Oeganda", "Kigali, Rwanda", "Bujumbura, Burundi"],
            ["Aline", "Divine", "Solange", "Claudine", "Nadine"],
            ["Jean-Paul", "Didier", "Olivier", "Fiston", "Christian"],
            ["Kabongo", "Ilunga", "Tshibanda", "Nkurunziza", "Mukendi"], true),
    ];

    public static readonly string[] Education =
        ["Middelbare school afgemaakt", "Universiteit, economie", "Lerarenopleiding", "Verpleegkunde", "Geen formele opleiding", "Technische school, elektrotechniek", "Universiteit, rechten", "Basisschool"];

    public static readonly string[] WorkExperience =
        ["Kapper, eigen zaak", "Boer", "Leraar wiskunde", "Verpleegkundige in een ziekenhuis", "Chauffeur", "Kleermaker", "Bouwvakker", "Boekhouder", "Kok in een restaurant", "Monteur"];

    public static readonly string[] Goals =
        ["Werken in de zorg", "Een eigen kapsalon", "Rijbewijs halen", "Mbo-opleiding volgen", "Goed Nederlands leren", "Weer als leraar werken", "Diploma laten erkennen", "Werk in de bouw"];

    public static readonly string[] NewcomerInterests =
        ["Voetbal", "Koken", "Muziek", "Naaien", "Wandelen", "Tekenen", "Fietsen leren", "Schaken", "Bidden en de gemeenschap"];

    public static readonly string[] DiaryNotes =
    [
        "Samen boodschappen gedaan en de markt laten zien.",
        "Taalcafé in de bibliotheek, veel gelachen.",
        "Geholpen met de brief van de Belastingdienst over de toeslagen.",
        "Naar het strand geweest met de kinderen.",
        "Samen gekookt: zij Syrische gerechten, wij stamppot.",
        "Fietsles op het schoolplein.",
        "Mee naar het eerste gesprek bij de huisarts.",
        "Wandeling door het park en koffie gedronken.",
        "Cv gemaakt en samen naar vacatures gekeken.",
        "Kennismaking met de voetbalclub in de buurt.",
        "Museumbezoek met de hele groep.",
        "Geholpen met de inschrijving bij de taalschool.",
        "Verjaardag gevierd bij een van de groepsleden thuis.",
        "Uitleg over afval scheiden en de ov-chipkaart.",
        "Samen naar de gemeente voor de inschrijving.",
    ];

    public static readonly string[] CheckInNeeds =
    [
        "Hulp bij de post en de administratie.",
        "Een stageplek in de zorg.",
        "Iemand die de kinderen helpt met huiswerk.",
        "Meer momenten om Nederlands te oefenen.",
        "Een tweedehands fiets.",
        "Hulp bij het vinden van een tandarts.",
    ];

    public static readonly string[] Concerns =
    [
        "De groep ziet het gezin minder dan afgesproken; twee leden hebben het erg druk.",
        "Het gezin maakt zich zorgen over familie die nog in het kamp zit.",
        "Spanning in de groep over wie wat doet.",
        "De nieuwkomer voelt zich eenzaam sinds de taalschool stil ligt.",
        "Betalingsachterstand bij de energierekening.",
    ];

    public static readonly string[] Resolutions =
    [
        "Besproken met de groep; nieuwe afspraken gemaakt.",
        "Doorverwezen naar maatschappelijk werk.",
        "Opgelost met hulp van de gemeente.",
        "Gesprek met de community bouwer en het gezin gehad.",
    ];

    public static readonly string[] ReviewsGoing =
    [
        "Het gaat goed: het gezin is gewend in de buurt en de kinderen gaan graag naar school.",
        "Wisselend; de taal blijft lastig, maar er is veel vertrouwen tussen gezin en groep.",
        "Heel goed. De vader heeft werk gevonden in de bouw.",
        "De groep is hecht en ziet de nieuwkomer wekelijks.",
    ];

    public static readonly string[] ReviewsContinues =
    [
        "Het taalmaatje blijft na het jaar; de administratie gaat naar de sociale wijkteams.",
        "De groep blijft als vrienden betrokken; de schuldhulp loopt via de gemeente.",
        "Twee leden blijven maandelijks langskomen; werk loopt via het UWV.",
        "Contact met de moskee en de voetbalclub blijft; de groep stopt formeel.",
    ];

    public static readonly string[] GoalTexts =
    [
        "Voert in de zomer zelf een gesprek bij de huisarts.",
        "Een snuffelstage in de zorg.",
        "Kent drie mensen in de buurt om een praatje mee te maken.",
        "Gaat elke week naar het taalcafé.",
        "Is lid van een sportclub.",
        "Heeft een vrijwilligersplek gevonden.",
    ];

    public static readonly string[] ExtraTasks =
        ["Fiets regelen", "Bibliotheekpas aanvragen", "Zwemles voor de kinderen", "Kennismaken met de buren", "Bezoek aan de moskee of kerk", "Sportclub zoeken"];

    public static readonly string[] WithdrawalReasons =
    [
        "Twee leden zijn verhuisd.",
        "Te weinig tijd naast werk en gezin.",
        "Het lukte niet om een match te vinden.",
        "De VOG-aanvraag liep vast.",
        "Het gezin is naar familie in een andere stad verhuisd.",
        "De groep paste niet goed bij elkaar.",
    ];

    public static readonly (string Title, string Description)[] EventKinds =
    [
        ("Taalcafé", "Samen Nederlands oefenen bij een kop koffie of thee."),
        ("Kookavond", "Iedereen neemt een gerecht mee uit eigen keuken."),
        ("Picknick in het park", "Voor groepen, nieuwkomers en buren, met spelletjes voor de kinderen."),
        ("Sportmiddag", "Voetbal, volleybal en wandelen voor alle leeftijden."),
        ("Museumbezoek", "Met een rondleiding in eenvoudig Nederlands."),
        ("Nieuwjaarsbijeenkomst", "Terugkijken en vooruitkijken met alle groepen van de stad."),
        ("Iftar", "Samen het vasten breken; iedereen is welkom."),
        ("Fietsles", "Leren fietsen op een veilig plein, fietsen zijn er."),
    ];

    public static readonly string[] Venues =
        ["Bibliotheek, centrum", "Buurthuis De Ontmoeting", "Wijkcentrum Oost", "Stadspark, bij de muziektent", "Gemeenschapshuis De Brug", "Kerkzaal, ingang zijkant"];
}
