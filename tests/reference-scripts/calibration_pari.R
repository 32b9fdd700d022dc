# Expected values for Ari's pARI calibration, computed with pARI's own functions.
#
# pARI 1.1.2 (the CRAN release, github.com/cran/pARI commit ce2e361) is used from a checkout outside the
# repository (/opt/peers/pARI), with R 4.2.2 and Debian's r-cran-rcpp / r-cran-rcpparmadillo: its C++
# lambdaCalibrate and permDiscoveries are compiled with Rcpp::sourceCpp and its R criticalVector, lambdaOpt and dI
# are sourced (installing the whole package would need RNifti, plyr and ARIbrain, which only its image helpers use).
# From the repository root, after calibration_sanssouci_notip.py has written the data and flip tables:
#     PARI=/opt/peers/pARI Rscript tests/reference-scripts/calibration_pari.R tests/Ari.Tests/Inference/Calibration
#
# pARIbrain draws B - 1 random sign flips (signFlip) and puts the observed statistics first; here the flips are the
# explicit table's rows 1..B-1 (row 0 is the identity) and the t statistics follow signTest's arithmetic (observed:
# rowMeans / sqrt(rowVariance / n); flipped: signFlip's mean and E(x^2) - mean^2 variance). Then pARI's lambdaOpt,
# criticalVector and dI (as pARIbrain's summary_perm_roi calls it, non-iterative) give lambda, the critical vector
# and the bounds of the same voxel sets as the sanssouci script.
suppressPackageStartupMessages(library(Rcpp))
pari <- Sys.getenv("PARI", "/opt/peers/pARI")
out <- commandArgs(trailingOnly = TRUE)[1]
for (f in c("lambdaCalibrate.cpp", "permDiscoveries.cpp")) sourceCpp(file.path(pari, "src", f))
rowSortC <- function(X) t(apply(X, 1, sort))
for (f in c("criticalVector.R", "lambdaOpt.R", "dI.R", "rowVariance.R")) source(file.path(pari, "R", f))

flips <- as.matrix(read.table(file.path(out, "flips_inference.tsv"), sep = "\t"))
B <- nrow(flips)

pari_pvalues <- function(X, alternative) {
  # X: variables x observations, as pARI takes it
  n <- ncol(X)
  rowV <- rowVariance(X)
  Test <- ifelse(rowV == 0, 0, rowMeans(X) / (sqrt(rowV / n)))
  H0 <- sapply(2:B, function(b) {
    eps <- flips[b, ]
    Tb1 <- (X %*% eps) / n
    Tb0 <- (X^2 %*% rep(1, n)) / n
    v <- (Tb0 - Tb1^2) * (n / (n - 1))
    Tb1 / sqrt(v / n)
  })
  H0 <- ifelse(is.na(H0), 0, H0)
  p <- function(T) switch(alternative,
    "two.sided" = 2 * (pt(abs(T), df = n - 1, lower.tail = FALSE)),
    "greater" = pt(T, df = n - 1, lower.tail = FALSE))
  cbind(p(Test), p(H0))
}

sets <- list()
for (s in c(5, 10, 25, 50, 100, 200, 400)) sets[[paste0("top", s)]] <- c("top", s)
sets[["range0_40"]] <- c("range", 0, 40); sets[["range30_80"]] <- c("range", 30, 80)
sets[["range180_260"]] <- c("range", 180, 260); sets[["range100_300"]] <- c("range", 100, 300)

cases <- list(
  list(name = "signal_simes_a05", data = "signal", family = "simes", alpha = 0.05, alternative = "two.sided"),
  list(name = "signal_simes_a10", data = "signal", family = "simes", alpha = 0.10, alternative = "two.sided"),
  list(name = "signal_simes_a05_greater", data = "signal", family = "simes", alpha = 0.05, alternative = "greater"),
  list(name = "signal_beta_a05", data = "signal", family = "beta", alpha = 0.05, alternative = "two.sided"),
  list(name = "noise_simes_a05", data = "noise", family = "simes", alpha = 0.05, alternative = "two.sided"))

rows <- list()
add <- function(case, quantity, key, value) rows[[length(rows) + 1]] <<- data.frame(case = case$name,
  data = case$data, family = case$family, alpha = case$alpha, alternative = case$alternative,
  quantity = quantity, key = key, value = sprintf("%.17g", value))
for (case in cases) {
  X <- t(as.matrix(read.table(file.path(out, paste0("calibration_data_", case$data, ".tsv")), sep = "\t")))
  pvalues <- pari_pvalues(X, case$alternative)
  m <- nrow(pvalues)
  lambda <- lambdaOpt(pvalues = pvalues, family = case$family, alpha = case$alpha, delta = 0)
  cv <- criticalVector(pvalues = pvalues, family = case$family, alpha = case$alpha, lambda = lambda, delta = 0)
  add(case, "lambda", "", lambda)
  for (k in seq_along(cv)) add(case, "cv", k, cv[k])
  for (nm in names(sets)) {
    spec <- sets[[nm]]
    ix <- if (spec[1] == "top") order(pvalues[, 1])[1:as.integer(spec[2])] else (as.integer(spec[2]) + 1):as.integer(spec[3])
    add(case, "bound", nm, dI(ix = ix, cv = cv, pvalues = pvalues))
  }
}
write.table(do.call(rbind, rows), file.path(out, "calibration_pari.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
