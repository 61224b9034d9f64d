//! The word lists behind [`super::looks_like_full_name`], all lower case.
//!
//! First names and words that are also everyday words ("will", "may", "mark", "hope") are left
//! out of [`FIRST_NAMES`] on purpose, so "will help" or "mark my words" never look like names.

/// Titles that, before a name-shaped word, name someone ("Mr Patel").
pub(super) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "mister", "missus",
];

/// Family words that, before a first name, name someone ("Uncle Dave", "Auntie Sue").
#[rustfmt::skip]
pub(super) const FAMILY_WORDS: &[&str] = &[
    "uncle", "auntie", "aunty", "aunt", "cousin", "nan", "nana", "nanna", "nanny", "gran",
    "granny", "grandma", "grandad", "granddad", "grandpa", "grandmother", "grandfather",
    "brother", "sister", "stepbrother", "stepsister", "stepmum", "stepdad", "godmother",
    "godfather", "bro", "sis",
];

/// Words that describe a relationship, a role or a place without naming anyone. Neither word
/// of a pair may be one of these (the family words may come first, see above).
#[rustfmt::skip]
pub(super) const DESCRIPTOR_WORDS: &[&str] = &[
    // the preset descriptors' words (assets/palette.json `descriptors`)
    "best", "friend", "school", "online", "older", "partner", "teammate", "brother", "sister",
    "parent", "carer", "grandparent", "cousin", "aunt", "uncle", "neighbour", "coach", "youth",
    "worker", "teacher", "social",
    // family and friends
    "big", "little", "lil", "old", "young", "younger", "eldest", "youngest", "new", "ex",
    "mum", "mom", "mam", "mummy", "mother", "dad", "daddy", "father", "parents", "nan", "nana",
    "nanna", "gran", "granny", "grandma", "grandad", "granddad", "grandpa", "auntie", "aunty",
    "step", "half", "foster", "adoptive", "birth", "twin", "baby", "family", "friends", "mate",
    "mates", "bestie", "bff", "buddy", "pal", "bro", "sis", "girlfriend", "boyfriend",
    "crush", "lad", "lads", "lass", "boys", "girls", "guys", "kids", "squad", "gang", "crew",
    "group", "team", "class", "classmate", "neighbours", "housemate", "flatmate",
    // people who work with young people
    "tutor", "mentor", "counsellor", "nurse", "doctor", "gp", "dentist", "key",
    "support", "care", "play", "lead", "leader", "captain", "manager", "boss", "staff",
    "assistant", "helper", "officer", "police", "pcso", "driver", "lady", "dinner", "head",
    "form", "sixth", "year", "scout", "guide", "volunteer", "priest", "vicar", "imam", "rabbi",
    "pastor", "minister", "gamer",
    // places and activities
    "club", "football", "boxing", "gym", "home", "church", "mosque", "temple", "gurdwara",
    "college", "uni", "work", "job", "park", "street", "estate", "shop", "next", "door",
    "house", "dance", "swimming", "music", "drama", "cadets", "hostel",
];

/// Everyday words that are never half of a name here (function words and common verbs).
#[rustfmt::skip]
pub(super) const COMMON_WORDS: &[&str] = &[
    "a", "an", "and", "or", "but", "nor", "the", "to", "of", "in", "on", "at", "by", "for",
    "from", "with", "without", "about", "after", "before", "over", "under", "near", "into",
    "out", "up", "down", "off", "i", "me", "my", "mine", "you", "your", "he", "him", "his",
    "she", "her", "hers", "we", "us", "our", "they", "them", "their", "it", "its", "this",
    "that", "these", "those", "who", "what", "when", "where", "why", "how", "is", "are", "was",
    "were", "be", "been", "am", "do", "does", "did", "done", "has", "have", "had", "can",
    "could", "will", "would", "should", "may", "might", "must", "not", "no", "yes", "very",
    "really", "so", "too", "also", "just", "only", "always", "never", "sometimes", "often",
    "all", "some", "any", "every", "each", "lot", "lots", "much", "many", "more", "most",
    "less", "same", "other", "another", "one", "two", "three", "see", "sees", "saw", "seen",
    "meet", "meets", "met", "go", "goes", "went", "gone", "plays", "played", "live", "lives",
    "lived", "talk", "talks", "talked", "know", "knows", "knew", "like", "likes", "liked",
    "love", "loves", "loved", "hate", "hates", "help", "helps", "helped", "make", "makes",
    "made", "get", "gets", "got", "say", "says", "said", "call", "calls", "text", "texts",
    "feel", "feels", "felt", "think", "thinks", "misses", "missed", "trust", "trusts", "safe",
    "scared", "happy", "sad", "angry", "good", "bad", "nice", "kind", "mean", "fun", "funny",
    "cool", "today", "yesterday", "tomorrow", "now", "then", "here", "there", "weekend",
    "weekends", "together", "again", "thing", "things", "someone", "somebody", "anyone",
    "everyone", "nobody", "none", "person", "people", "time", "times", "day", "days", "week",
    "night", "morning", "because", "if", "than", "as", "well", "still", "even", "back", "away",
    "please", "thanks", "thank", "hi", "hello", "ok", "okay", "bit", "fell", "fall", "stays",
    "stay", "games", "gaming", "chat", "chats", "laugh", "laughs",
];

/// Common first names in the UK, for lower-case text ("jamie smith").
#[rustfmt::skip]
pub(super) const FIRST_NAMES: &[&str] = &[
    "aaliyah", "aaron", "abdul", "abigail", "adam", "adrian", "ahmed", "aidan", "aiden", "aisha",
    "alex", "alexander", "alexandra", "alfie", "ali", "alice", "alisha", "amara", "amber",
    "amelia", "amir", "amy", "andrew", "andy", "anna", "annie", "anthony", "aoife", "archie",
    "arjun", "arthur", "ashley", "aurora", "ava", "bella", "ben", "benjamin", "beth", "bethany",
    "bill", "billy", "bobby", "brandon", "callum", "cameron", "caitlin", "carl", "charlie",
    "charlotte", "chloe", "chris", "christopher", "ciara", "connor", "conor", "craig", "daisy",
    "daniel", "danny", "darren", "dave", "david", "dean", "declan", "demi", "dylan", "eden",
    "elijah", "eliza", "ella", "ellie", "emily", "emma", "erin", "ethan", "eva", "evie", "ewan",
    "fatima", "finley", "finn", "freddie", "freya", "gabriel", "gary", "george", "georgia",
    "grace", "hannah", "harley", "harper", "harriet", "harrison", "harry", "harvey", "hassan",
    "hayley", "henry", "holly", "hussain", "ibrahim", "imogen", "isaac", "isabella", "isla",
    "jack", "jacob", "jade", "jake", "james", "jamie", "jane", "jason", "jay", "jayden", "jess",
    "jessica", "jo", "joe", "john", "jordan", "joseph", "josh", "joshua", "julie", "kai",
    "karen", "kate", "katie", "kayla", "keira", "kevin", "kian", "kieran", "kyle", "laura",
    "lauren", "layla", "leah", "leo", "leon", "lewis", "liam", "lily", "logan", "lola", "louis",
    "louise", "lucas", "lucy", "luke", "maddie", "maisie", "maria", "mary", "mason", "matt", "matthew",
    "max", "maya", "megan", "mia", "michael", "mike", "millie", "mo", "mohammed", "mohammad",
    "molly", "muhammad", "nathan", "niamh", "nicola", "noah", "nora", "oliver", "olivia",
    "omar", "oscar", "owen", "paige", "pat", "paul", "peter", "phoebe", "poppy", "priya",
    "rachel", "rebecca", "reece", "rhys", "riley", "rob", "robert", "ronnie", "rosie", "ruby",
    "ryan", "sadie", "sam", "samuel", "sara", "sarah", "scarlett", "sean", "shannon", "sienna",
    "simon", "sofia", "sophia", "sophie", "stacey", "steve", "steven", "sue", "tariq", "theo",
    "thomas", "tia", "toby", "tom", "tommy", "tony", "tyler", "victoria", "willow", "yasmin",
    "yusuf", "zac", "zach", "zainab", "zara", "zoe",
];

/// Common surnames in the UK, for lower-case text. Surnames that are everyday words ("young",
/// "well") never match, because those words are refused first.
#[rustfmt::skip]
pub(super) const SURNAMES: &[&str] = &[
    "adams", "ahmed", "ali", "allen", "anderson", "bailey", "baker", "barnes", "begum", "bell",
    "bennett", "brown", "butler", "byrne", "campbell", "carter", "chen", "clark", "clarke",
    "cole", "collins", "cook", "cooper", "cox", "davies", "davis", "dixon", "doyle", "edwards",
    "ellis", "evans", "fisher", "foster", "fox", "fraser", "gibson", "graham", "gray", "green",
    "griffiths", "hall", "hamilton", "harris", "harrison", "hill", "holmes", "hughes", "hunt",
    "hussain", "jackson", "james", "johnson", "jones", "kaur", "kelly", "kennedy", "khan",
    "king", "knight", "lee", "lewis", "lloyd", "marshall", "martin", "mason", "mills",
    "mitchell", "moore", "morgan", "morris", "murphy", "murray", "nguyen", "nowak", "palmer",
    "parker", "patel", "phillips", "price", "reid", "richards", "richardson", "roberts",
    "robertson", "robinson", "ross", "russell", "ryan", "scott", "shah", "shaw", "simpson",
    "singh", "smith", "stewart", "taylor", "thomas", "thompson", "thomson", "turner", "walker",
    "walsh", "ward", "watson", "webb", "wells", "white", "williams", "wilson", "wood", "wright",
];
