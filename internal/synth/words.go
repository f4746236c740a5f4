package synth

// Term titles are "Adjective noun" or "Adjective modifier noun" in
// sentence case. The three lists share no word with each other or with
// the prose words, so a title is never part of another title and prose
// mentions a term only where the generator means it to.
var (
	adjectives = []string{
		"Adaptive", "Agile", "Automated", "Balanced", "Centralized", "Cloud-native", "Collaborative", "Composable",
		"Continuous", "Cross-functional", "Data-driven", "Decentralized", "Defensive", "Distributed", "Dynamic", "Elastic",
		"Embedded", "Enterprise", "Federated", "Formal", "Fractional", "Global", "Hybrid", "Immutable",
		"Incremental", "Integrated", "Interim", "Lean", "Managed", "Modular", "Observable", "Open",
		"Operational", "Outsourced", "Predictive", "Proactive", "Regulated", "Remote", "Resilient", "Scalable",
		"Secure", "Serverless", "Shared", "Strategic", "Tactical", "Unified", "Virtual", "Zero-trust",
	}
	modifiers = []string{
		"access", "asset", "audit", "backlog", "budget", "capacity", "change", "cloud",
		"compliance", "configuration", "content", "cost", "customer", "data", "delivery", "deployment",
		"design", "identity", "incident", "infrastructure", "integration", "knowledge", "license", "network",
		"partner", "patch", "platform", "portfolio", "privacy", "product", "project", "quality",
		"release", "research", "resource", "revenue", "risk", "roadmap", "security", "service",
		"software", "storage", "supplier", "talent", "technology", "test", "vendor", "workload",
	}
	nouns = []string{
		"architecture", "assessment", "automation", "baseline", "board", "catalog", "charter", "council",
		"dashboard", "discipline", "engineering", "framework", "function", "governance", "guild", "hygiene",
		"inventory", "leadership", "lifecycle", "maturity", "mesh", "metrics", "model", "monitoring",
		"office", "operations", "oversight", "pipeline", "playbook", "policy", "posture", "practice",
		"program", "register", "reporting", "review", "scorecard", "stewardship", "strategy", "standard",
		"taxonomy", "telemetry", "tooling", "topology", "tracking", "triage", "validation", "workflow",
	}
)

// words are the prose: common words of technology writing, none of
// them in the title lists.
var words = []string{
	"the", "team", "a", "plan", "should", "every", "quarter", "when", "people", "work", "with", "clear",
	"owners", "and", "measure", "what", "changes", "in", "reality", "most", "companies", "start", "small",
	"then", "grow", "the", "process", "as", "needs", "become", "visible", "leaders", "agree", "on", "goals",
	"early", "so", "that", "later", "decisions", "are", "easier", "to", "explain", "because", "trade-offs",
	"stay", "written", "down", "for", "everyone", "who", "joins", "after", "first", "version", "is", "shipped",
	"engineers", "often", "prefer", "simple", "rules", "over", "long", "documents", "which", "few", "read",
	"carefully", "while", "managers", "ask", "how", "much", "it", "will", "spend", "each", "year", "of",
	"running", "this", "approach", "depends", "context", "size", "stage", "industry", "culture", "one",
	"size", "rarely", "fits", "all", "organizations", "keep", "an", "eye", "trends", "but", "avoid",
	"chasing", "fashion", "without", "reason", "good", "teams", "revisit", "their", "assumptions", "regularly",
	"write", "short", "notes", "share", "lessons", "openly", "reward", "careful", "thinking", "fast",
	"feedback", "helps", "catch", "mistakes", "before", "they", "reach", "users", "slow", "approvals",
	"frustrate", "staff", "hide", "real", "problems", "until", "too", "late", "fix", "them", "cheaply",
	"budgets", "limit", "options", "yet", "force", "useful", "focus", "scope", "matters", "more", "than",
	"speed", "alone", "clarity", "beats", "cleverness", "almost", "always", "trust", "grows", "slowly",
	"breaks", "quickly", "if", "promises", "slip", "repeatedly", "customers", "notice", "details", "early",
}

// headings are the section titles of terms; every term starts with the
// first, and draws a few of the others.
var headings = []string{
	"What it is", "Why it matters", "How it works", "Responsibilities", "In practice", "Common pitfalls",
	"Metrics to watch", "Tools and techniques", "Examples", "A short history", "Related roles",
	"Getting started", "Checklist", "Costs and trade-offs", "Governance and oversight", "Further reading",
}

// chapterHeadings are the section titles of chapters.
var chapterHeadings = []string{
	"Overview", "Where to begin", "The first month", "Building the case", "Working with the board",
	"Hiring and growing the team", "Measuring progress", "When things go wrong", "Budget and contracts",
	"Security and compliance", "A worked example", "Lessons learned", "Next steps", "Summary",
}

var tags = []string{
	"roles", "leadership", "security", "governance", "operations", "strategy", "compliance", "cloud",
	"data", "people", "finance", "risk", "architecture", "delivery", "quality", "product", "vendors",
	"metrics", "legal", "privacy", "infrastructure", "culture", "hiring", "planning", "audit", "tools",
	"process", "platform", "support", "research", "innovation", "customers", "contracts", "standards",
	"incidents", "resilience", "budget", "reporting", "training", "ethics",
}

// verbs are sitegen's built-in relation verbs.
var verbs = []string{"complements", "implements", "supervises", "leads", "manages", "part-of", "depends-on", "see-also"}
