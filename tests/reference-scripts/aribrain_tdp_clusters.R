# Expected TDP clusters for Ari's ARIbrain 0.9 parity test (`ari clusters`), computed with ARIbrain itself.
#
# ARIbrain 0.9 (github.com/wdweeda/ARIbrain, DESCRIPTION "Version: 0.9"), hommel 1.8 (github.com/cran/hommel) and
# RNifti 1.10 (github.com/jonclayden/RNifti) installed into a private library outside the repository (R 4.2.2 from
# Debian, with Debian's r-cran-rcpp, r-cran-plyr, r-cran-fastcluster):
#     R CMD INSTALL -l /opt/peers/Rlib <source folder>   (RNifti, hommel, then ARIbrain after deleting the
#                                                         prebuilt src/*.o and src/*.so its repository carries)
# then, from the repository root:
#     R_LIBS=/opt/peers/Rlib Rscript tests/reference-scripts/aribrain_tdp_clusters.R > tests/Ari.Tests/Inference/aribrain_tdp_clusters.tsv
#
# The vignette's "ARICluster examples" on ../shared/data/real/fsl_auditory (the vignette's own data): pvalue.nii.gz,
# mask.nii.gz, connectivity 18 (the default), alpha 0.05; TDPQuery at gamma 0.4, 0.7, 0.9 with summary(rest = TRUE);
# then, at gamma 0.7, TDPChange at voxel (17, 57, 38) (one-based) with +0.01, +0.01, -0.01 (step 1, 2, 3).
# One row per cluster in ARIbrain's printed order ("Cluster n" first) and the rest row; voxel coordinates are written
# 0-based; voxel_sum / voxel_min are the sum and the minimum of the clusters' 0-based grid indices (x fastest).
suppressPackageStartupMessages({ library(ARIbrain); library(RNifti); library(hommel) })

folder <- file.path("..", "shared", "data", "real", "fsl_auditory")
Pmap <- readNifti(file.path(folder, "pvalue.nii.gz"))
mask <- readNifti(file.path(folder, "mask.nii.gz")) != 0

invisible(capture.output(aricluster <- ARIBrainCluster(Pmap = Pmap, mask = mask, conn = 18, alpha = 0.05)))

rows <- list()
add <- function(gamma, step, clusters) {
  s <- summary(clusters, rest = TRUE)
  n <- length(clusters)
  for (r in seq_len(nrow(s))) {
    is_rest <- rownames(s)[r] == "rest"
    voxels <- if (is_rest) NA else clusters[[r]] - 1
    rows[[length(rows) + 1]] <<- data.frame(gamma = gamma, step = step,
      cluster = if (is_rest) "rest" else as.character(r), size = s[r, 1], true_discoveries = s[r, 2],
      true_nulls_upper = s[r, 3], tdp = s[r, 4], peak_stat = s[r, 5],
      peak_i = s[r, 6] - 1, peak_j = s[r, 7] - 1, peak_k = s[r, 8] - 1,
      voxel_sum = if (is_rest) NA else sum(as.numeric(voxels)), voxel_min = if (is_rest) NA else min(voxels))
  }
}
for (gamma in c(0.4, 0.7, 0.9)) add(gamma, 0, TDPQuery(aricluster, threshold = gamma))

tdpclusters <- TDPQuery(aricluster, threshold = 0.7)
step <- 0
for (delta in c(0.01, 0.01, -0.01)) {
  tdpclusters <- TDPChange(tdpclusters, v = c(17, 57, 38), tdpchg = delta)
  step <- step + 1
  add(0.7, step, tdpclusters)
}
out <- do.call(rbind, rows)
out[] <- lapply(out, function(col) if (is.numeric(col)) ifelse(is.na(col), "n/a", sprintf("%.17g", col)) else col)
write.table(out, stdout(), sep = "\t", quote = FALSE, row.names = FALSE)
