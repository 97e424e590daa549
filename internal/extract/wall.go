package extract

import "golang.org/x/net/html"

func detectWall(doc *html.Node, r *Result) bool { return false }
