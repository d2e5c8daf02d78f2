/// The people and places of the sample: names, email domains, countries with their regions,
/// acquisition channels and community handles.
///
/// Email addresses use reserved example domains (RFC 2606), so no generated address can
/// belong to a real person.
enum SampleNames {
    static let firstNames = [
        "Aaliyah", "Adam", "Aiden", "Alice", "Amelia", "Ana", "Andrew", "Anna", "Ben", "Carlos", "Charlotte", "Chloé",
        "Chris", "Daniel", "David", "Deepa", "Elena", "Ella", "Emily", "Emma", "Ethan", "Fatima", "Finn", "Grace",
        "Hannah", "Harry", "Isabel", "Jack", "James", "Jamie", "Jasmine", "Jessica", "Jonas", "José", "Julia", "Kai",
        "Kate", "Laura", "Leo", "Liam", "Lucy", "Łukasz", "Maria", "Mark", "Matthew", "Maya", "Mia", "Michael", "Mohammed",
        "Nathan", "Noah", "Olivia", "Omar", "Priya", "Rachel", "Renée", "Ryan", "Samuel", "Sarah", "Sofia", "Søren",
        "Sophie", "Thomas", "Tom", "Wei", "William", "Yusuf", "Zoë",
    ]

    static let lastNames = [
        "Adams", "Ahmed", "Anderson", "Bailey", "Baker", "Brown", "Campbell", "Chen", "Clarke", "Collins", "Cooper",
        "Davies", "Davis", "Dubois", "Evans", "Fischer", "García", "Green", "Hall", "Harris", "Hughes", "Jackson",
        "Johnson", "Jones", "Kelly", "Khan", "Kowalski", "Lee", "Lewis", "Martin", "Martínez", "Miller", "Moore",
        "Murphy", "Nguyen", "O'Brien", "Patel", "Roberts", "Robinson", "Rossi", "Schmidt", "Scott", "Singh", "Smith",
        "Taylor", "Thomas", "Thompson", "Walker", "White", "Williams", "Wilson", "Wright", "Young", "Zhang",
    ]

    static let emailDomains = ["example.com", "example.net", "example.org", "mail.example", "post.example"]
    static let emailDomainWeights = WeightedChoice([40, 25, 15, 12, 8])

    struct Country {
        let code: String
        let regions: [String]
    }

    static let countries = [
        Country(code: "US", regions: ["Midwest", "Northeast", "South", "West"]),
        Country(code: "GB", regions: ["London", "Midlands", "North West", "Scotland", "South East", "Wales"]),
        Country(code: "CA", regions: ["Alberta", "British Columbia", "Ontario", "Québec"]),
        Country(code: "AU", regions: ["New South Wales", "Queensland", "Victoria", "Western Australia"]),
        Country(code: "IE", regions: ["Connacht", "Leinster", "Munster", "Ulster"]),
        Country(code: "NZ", regions: ["North Island", "South Island"]),
        Country(code: "DE", regions: ["Bayern", "Berlin", "Nordrhein-Westfalen"]),
        Country(code: "FR", regions: ["Auvergne-Rhône-Alpes", "Île-de-France", "Occitanie"]),
    ]
    static let countryWeights = WeightedChoice([55, 18, 10, 7, 4, 2, 2, 2])

    /// The channels through which customers first came to the retailer.
    static let channels = ["partner", "phone", "store", "web"]
    static let channelWeights = WeightedChoice([12, 8, 35, 45])

    /// The channels through which orders are placed.
    static let orderChannels = ["phone", "store", "web"]

    /// Words for handles of community members who are not known customers.
    static let handleWords = [
        "appfan", "batterysaver", "bluetooth", "callme", "droidie", "gadgeteer", "ghostwriter", "hackr", "lurker",
        "mobileme", "nightowl", "pixelpusher", "ringtone", "signal", "simcard", "slider", "techie", "textking",
        "thumbs", "wifiwanderer",
    ]

    /// The two communities: the brand forum and its smaller ideas board.
    static let sources = ["forum", "ideas"]
}
