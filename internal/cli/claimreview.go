package cli

import (
	"github.com/margin-reader/margin/internal/reading"
)

// claimReviewJSON follows schema.org's ClaimReview field names.
type claimReviewJSON struct {
	Context       string           `json:"@context"`
	Type          string           `json:"@type"`
	Identifier    string           `json:"identifier"`
	ClaimReviewed string           `json:"claimReviewed"`
	ReviewRating  ratingJSON       `json:"reviewRating"`
	ItemReviewed  claimJSON        `json:"itemReviewed"`
	ReviewBody    string           `json:"reviewBody"`
	Description   string           `json:"description"`
	Citation      []reading.Source `json:"citation"`
	About         []string         `json:"about,omitempty"`
}

type ratingJSON struct {
	Type          string `json:"@type"`
	AlternateName string `json:"alternateName"`
	RatingValue   int    `json:"ratingValue,omitempty"`
	BestRating    int    `json:"bestRating"`
	WorstRating   int    `json:"worstRating"`
}

type claimJSON struct {
	Type       string         `json:"@type"`
	Author     personJSON     `json:"author"`
	Appearance appearanceJSON `json:"appearance"`
}

type personJSON struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type appearanceJSON struct {
	Type      string         `json:"@type"`
	Name      string         `json:"name"`
	Section   string         `json:"section"`
	Quotation reading.Anchor `json:"quotation"`
	Endnotes  []int          `json:"endnotes,omitempty"`
}

// claimReview maps a note to ClaimReview. ratingValue follows ClaimReview's
// 1 (false) to 5 (true) scale and is left out for verdicts off that scale
// (contested, unverifiable, citation error).
func claimReview(rd *reading.Reading, n *reading.Note) claimReviewJSON {
	return claimReviewJSON{
		Context:       "https://schema.org",
		Type:          "ClaimReview",
		Identifier:    n.ID,
		ClaimReviewed: n.Claim,
		ReviewRating: ratingJSON{Type: "Rating", AlternateName: n.Verdict.Label(),
			RatingValue: n.Verdict.Rating(), BestRating: 5, WorstRating: 1},
		ItemReviewed: claimJSON{
			Type:   "Claim",
			Author: personJSON{Type: "Person", Name: rd.Meta.Author},
			Appearance: appearanceJSON{Type: "ScholarlyArticle", Name: rd.Meta.FullTitle(),
				Section: n.Section, Quotation: n.Anchor, Endnotes: n.Endnotes},
		},
		Description: n.Summary,
		ReviewBody:  joinParas(n.Summary, n.Body),
		Citation:    n.Sources,
		About:       n.Related,
	}
}

func joinParas(a, b string) string {
	if b == "" {
		return a
	}
	return a + "\n\n" + b
}
