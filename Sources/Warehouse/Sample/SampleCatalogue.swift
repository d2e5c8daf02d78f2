/// The products and forum topics of the sample retailer, a seller of phones and accessories.
///
/// Every product has a retail price above its true unit cost. It is on sale only between its
/// launch and its withdrawal, so the Kin phones sell for a few months of 2010 and the Windows
/// Phones only from their November 2010 launch. Popularity weights make a few products sell
/// most, and a quality score (average rating times ten) steers the ratings members give.
/// Postage and gift wrap are lines that are not merchandise.
enum SampleCatalogue {
    enum Kind: Equatable {
        case phone
        case accessory
        /// Postage, express delivery and gift wrap: order lines that are not merchandise.
        case fee
    }

    struct Product {
        let sku: String
        let name: String
        let category: String
        let retailCents: Int
        let unitCostCents: Int
        let kind: Kind
        /// First and last day on sale, counted from 2009-01-01.
        let firstDay: Int
        let lastDay: Int
        /// Relative share of sales among the products on sale.
        let popularity: Int
        /// The average rating members give, times ten.
        let quality: Int

        var isMerchandise: Bool { kind != .fee }

        func isOnSale(day: Int) -> Bool {
            (firstDay...lastDay).contains(day)
        }
    }

    /// The products in SKU order, the order of the `products` table.
    static let products: [Product] = productRows.map { row in
        let first = row.launch.map { SampleCalendar.day(of: CivilDate(iso: $0)!) } ?? 0
        let last = row.withdrawn.map { SampleCalendar.day(of: CivilDate(iso: $0)!) } ?? SampleCalendar.dayCount - 1
        return Product(
            sku: row.sku, name: row.name, category: row.category, retailCents: row.retailCents,
            unitCostCents: row.retailCents * row.costPerMille / 1_000, kind: row.kind, firstDay: first, lastDay: last,
            popularity: row.popularity, quality: row.quality)
    }.sorted { $0.sku.utf8.lexicographicallyPrecedes($1.sku.utf8) }

    static let phoneIndexes = products.indices.filter { products[$0].kind == .phone }
    static let accessoryIndexes = products.indices.filter { products[$0].kind == .accessory }

    static func index(ofSKU sku: String) -> Int {
        guard let index = products.firstIndex(where: { $0.sku == sku }) else {
            preconditionFailure("no sample product \(sku)")
        }
        return index
    }

    static let postage = index(ofSKU: "POSTAGE")
    static let expressPostage = index(ofSKU: "POSTAGE-EXP")
    static let giftWrap = index(ofSKU: "GIFT-WRAP")

    /// Days on which a phone went on sale after the span began, for the community's launch buzz.
    static let phoneLaunchDays: [Int] = Array(Set(phoneIndexes.map { products[$0].firstDay }.filter { $0 > 0 })).sorted()

    private struct Row {
        let sku: String
        let name: String
        let category: String
        let retailCents: Int
        let costPerMille: Int
        let kind: Kind
        let launch: String?
        let withdrawn: String?
        let popularity: Int
        let quality: Int

        init(
            _ sku: String, _ name: String, _ category: String, _ retailCents: Int, cost costPerMille: Int,
            _ kind: Kind, from launch: String? = nil, until withdrawn: String? = nil, popularity: Int, quality: Int
        ) {
            precondition(costPerMille < 1_000, "\(sku) would cost more than it sells for")
            self.sku = sku
            self.name = name
            self.category = category
            self.retailCents = retailCents
            self.costPerMille = costPerMille
            self.kind = kind
            self.launch = launch
            self.withdrawn = withdrawn
            self.popularity = popularity
            self.quality = quality
        }
    }

    private static let productRows: [Row] = [
        Row("AST-100", "Aster 100", "Feature Phones", 4_900, cost: 620, .phone, until: "2010-12-31", popularity: 40, quality: 36),
        Row("AST-220", "Aster 220 Slide", "Feature Phones", 7_900, cost: 600, .phone, until: "2011-06-30", popularity: 35, quality: 38),
        Row("AST-330", "Aster 330 Flip", "Feature Phones", 9_900, cost: 590, .phone, from: "2010-03-01", popularity: 25, quality: 37),
        Row("NOV-S1", "Nova S1", "Android", 29_900, cost: 700, .phone, from: "2009-10-15", until: "2011-03-31", popularity: 30, quality: 40),
        Row("NOV-S2", "Nova S2", "Android", 34_900, cost: 690, .phone, from: "2010-08-20", popularity: 45, quality: 43),
        Row("NOV-S3", "Nova S3 Plus", "Android", 44_900, cost: 680, .phone, from: "2011-05-10", popularity: 40, quality: 44),
        Row("PIX-ZOOM", "Pixo Zoom", "Android", 24_900, cost: 720, .phone, from: "2010-02-01", popularity: 20, quality: 39),
        Row("BRK-LITE", "Brook Lite", "Android", 14_900, cost: 660, .phone, from: "2011-01-15", popularity: 35, quality: 38),
        Row("KIN-ONE", "Kin One", "Kin", 14_900, cost: 810, .phone, from: "2010-05-13", until: "2010-08-31", popularity: 25, quality: 28),
        Row("KIN-TWO", "Kin Two", "Kin", 19_900, cost: 780, .phone, from: "2010-05-13", until: "2010-08-31", popularity: 15, quality: 30),
        Row("WP-HALO", "Halo 7", "Windows Phone", 39_900, cost: 700, .phone, from: "2010-11-08", popularity: 30, quality: 42),
        Row("WP-ORBIT", "Orbit 7 Pro", "Windows Phone", 49_900, cost: 690, .phone, from: "2010-11-08", popularity: 20, quality: 43),
        Row("WP-HALO2", "Halo 7.5", "Windows Phone", 42_900, cost: 680, .phone, from: "2011-09-27", popularity: 25, quality: 44),

        Row("CASE-KIN", "Kin One shell case", "Cases", 1_999, cost: 300, .accessory, from: "2010-05-13", until: "2010-10-31", popularity: 15, quality: 40),
        Row("CASE-NOV", "Nova slim case", "Cases", 2_499, cost: 280, .accessory, from: "2009-10-15", popularity: 40, quality: 42),
        Row("CASE-WP", "Halo leather folio", "Cases", 3_499, cost: 300, .accessory, from: "2010-11-08", popularity: 20, quality: 43),
        Row("CASE-UNI", "Universal pouch", "Cases", 1_299, cost: 250, .accessory, popularity: 30, quality: 39),
        Row("SCR-2PK", "Screen protector 2-pack", "Screen Protection", 999, cost: 150, .accessory, popularity: 60, quality: 36),
        Row("SCR-GLASS", "Tempered glass protector", "Screen Protection", 1_999, cost: 200, .accessory, from: "2011-03-01", popularity: 35, quality: 43),
        Row("CHG-USB", "USB wall charger", "Chargers", 1_499, cost: 300, .accessory, popularity: 55, quality: 41),
        Row("CHG-CAR", "Car charger", "Chargers", 1_999, cost: 300, .accessory, popularity: 35, quality: 40),
        Row("PWR-5000", "Power bank 5000 mAh", "Chargers", 3_999, cost: 400, .accessory, from: "2010-09-01", popularity: 30, quality: 42),
        Row("DOCK-NOV", "Nova desktop dock", "Chargers", 3_999, cost: 380, .accessory, from: "2010-08-20", popularity: 12, quality: 42),
        Row("CBL-MICRO", "Micro-USB cable 1 m", "Cables", 799, cost: 120, .accessory, popularity: 60, quality: 38),
        Row("CBL-MICRO3", "Micro-USB cable 3 m", "Cables", 1_299, cost: 150, .accessory, popularity: 25, quality: 39),
        Row("BAT-NOV", "Nova spare battery", "Batteries", 2_999, cost: 350, .accessory, from: "2009-10-15", popularity: 25, quality: 37),
        Row("HS-BUDS", "Earbuds with mic", "Audio", 1_999, cost: 300, .accessory, popularity: 45, quality: 38),
        Row("HS-BT", "Bluetooth headset", "Audio", 4_999, cost: 420, .accessory, popularity: 30, quality: 40),
        Row("HS-STEREO", "Stereo headphones", "Audio", 7_999, cost: 450, .accessory, from: "2010-06-01", popularity: 20, quality: 44),
        Row("SPK-MINI", "Mini speaker", "Audio", 3_499, cost: 400, .accessory, from: "2011-02-01", popularity: 20, quality: 41),
        Row("MEM-8", "8 GB microSD card", "Memory", 1_999, cost: 350, .accessory, until: "2011-06-30", popularity: 40, quality: 41),
        Row("MEM-16", "16 GB microSD card", "Memory", 3_499, cost: 380, .accessory, from: "2010-04-01", popularity: 40, quality: 42),
        Row("MEM-32", "32 GB microSD card", "Memory", 5_999, cost: 400, .accessory, from: "2011-04-01", popularity: 25, quality: 43),
        Row("CAR-MOUNT", "Car dashboard mount", "Car Kits", 2_499, cost: 300, .accessory, popularity: 25, quality: 37),
        Row("CAR-KIT", "Hands-free car kit", "Car Kits", 8_999, cost: 450, .accessory, popularity: 10, quality: 40),
        Row("STY-3", "Stylus 3-pack", "Accessories", 999, cost: 150, .accessory, popularity: 15, quality: 35),

        Row("POSTAGE", "Postage and packing", "Fees", 495, cost: 900, .fee, popularity: 0, quality: 0),
        Row("POSTAGE-EXP", "Express delivery", "Fees", 995, cost: 800, .fee, popularity: 0, quality: 0),
        Row("GIFT-WRAP", "Gift wrapping", "Fees", 299, cost: 300, .fee, popularity: 0, quality: 0),
    ]

    /// A forum topic, talked about from `firstDay` on.
    struct Topic {
        let title: String
        let firstDay: Int
        /// The product the topic is about, if any.
        let product: Int?
    }

    /// General topics first, then four per phone and one per accessory.
    static let topics: [Topic] = {
        var topics = generalTopics.map { Topic(title: $0, firstDay: 0, product: nil) }
        for (index, product) in products.enumerated() {
            let titles: [String]
            switch product.kind {
            case .phone:
                titles = [
                    "\(product.name) first impressions", "\(product.name) battery life",
                    "\(product.name) tips and tricks", "Problems with the \(product.name)",
                ]
            case .accessory:
                titles = ["\(product.name): worth it?"]
            case .fee:
                titles = []
            }
            topics += titles.map { Topic(title: $0, firstDay: product.firstDay, product: index) }
        }
        return topics
    }()

    /// Topics in the order they open, so those open on a day are a prefix of `topicsByDay`.
    static let topicsByDay: [Int] = topics.indices.sorted { (topics[$0].firstDay, $0) < (topics[$1].firstDay, $1) }

    private static let generalTopics = [
        "Welcome! Introduce yourself", "Which phone should I buy?", "Battery life tips", "Holiday gift ideas",
        "Best accessories under 20", "Store opening hours", "Black Friday deals", "Firmware updates",
        "Tips for new Android users", "Photo of the week", "Show us your home screen 📱", "Ideas: what should we sell next?",
        "Problems with delivery", "Trade-in programme", "Contract, or pay as you go?", "Keeping your phone safe",
        "App recommendations", "Travelling abroad with your phone", "Music on the go", "\"Unlimited\" data plans explained",
        "Café Wi-Fi and security", "Community feedback", "Repairs and warranty", "Kids' first phone",
    ]
}
