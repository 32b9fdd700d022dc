# How the small case of AriClusterTreeTests.WhereAribrainsBoundIsSmallerAriGivesTheClosedTestingValue was found:
# random chains of 4-10 p-values; for every STC of ARIbrain 0.9's ARICluster, its bound (round(tdp * size)) against
# hommel::discoveries of the same set (closed testing on sorted p-values). Prints the first disagreements.
#     R_LIBS=/opt/peers/Rlib Rscript tests/reference-scripts/aribrain_unsorted_p_search.R
# (installation as in aribrain_tdp_clusters.R). The first case printed is the one in the test (ARIbrain 4, hommel 5).
suppressPackageStartupMessages({ library(ARIbrain); library(hommel) })
set.seed(3)
found <- 0
for (trial in 1:3000) {
  m <- sample(4:10, 1)
  p <- ifelse(runif(m) < 0.6, runif(m) * 0.02, runif(m))
  adj <- lapply(1:m, function(i) as.integer(c(if (i > 1) i - 1, if (i < m) i + 1)))
  out <- tryCatch({ invisible(capture.output(ac <- ARICluster(p, adj, alpha = 0.05))); ac }, error = function(e) NULL)
  if (is.null(out)) next
  hom <- hommel(p, simes = TRUE)
  for (v in 1:m) {
    if (out@tdps[v] < 0) next
    stack <- v; desc <- integer(0)
    while (length(stack) > 0) { x <- stack[length(stack)]; stack <- stack[-length(stack)]; desc <- c(desc, x); stack <- c(stack, out@childs[[x]] + 1L) }
    a <- round(out@tdps[v] * length(desc)); h <- discoveries(hom, ix = desc, alpha = 0.05)
    if (a != h) { found <- found + 1; if (found <= 2) { cat("p =", sprintf("%.17g", p), "\nset =", sort(desc), " ARIbrain", a, " hommel", h, "\n") } }
  }
  if (found > 3) break
}
cat("found", found, "\n")
