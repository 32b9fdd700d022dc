# Timing of pARI's own code on the calibration benchmark of `ari permute --tdp-template pari` (issue 12):
# pARIbrain with B = 1,000 sign flips of 30 maps on the 2 mm MNI grid, alpha 0.05, family "simes", one-sided
# ("greater"), the mask as the one region (pARI calibrates lambda, builds the critical vector and bounds the region).
# pARI 1.1.2 installed into /opt/peers/Rlib (R CMD INSTALL -l /opt/peers/Rlib /opt/peers/pARI):
#     /usr/bin/time -v Rscript tests/reference-scripts/calibration_benchmark_pari.R MASK B MAP...
suppressPackageStartupMessages({
  .libPaths(c("/opt/peers/Rlib", .libPaths()))
  library(pARI)
  library(RNifti)
})
args <- commandArgs(trailingOnly = TRUE)
mask <- args[1]
B <- as.integer(args[2])
maps <- args[-(1:2)]
t0 <- Sys.time()
copes <- lapply(maps, function(p) readNifti(p))
t1 <- Sys.time()
set.seed(0)
res <- pARIbrain(copes = copes, mask = mask, alpha = 0.05, family = "simes", B = B, alternative = "greater", silent = TRUE)
t2 <- Sys.time()
cat(sprintf('{"B": %d, "n": %d, "seconds": {"read": %.3f, "pARIbrain": %.3f, "total": %.3f}, "true_discoveries": %s}\n',
            B, length(maps), as.numeric(t1 - t0, units = "secs"), as.numeric(t2 - t1, units = "secs"),
            as.numeric(t2 - t0, units = "secs"), paste(res$out, collapse = ",")))
