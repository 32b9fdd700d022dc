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
# 0-based; voxel_sum / voxel_min are the sum and the minimum of the clusters' 0-based grid indices (x fastest);
# hommel_discoveries is hommel::discoveries (closed testing with Simes, on the sorted p-values) of the same voxels.
#
# ARIbrain's bounds can be too small: its heavyPathTDP passes the unsorted p-values to findDiscoveries, whose
# concentration index (findConcentration) assumes sorted ones, so it may cap the categories that count too low. On
# this map that happens at gamma 0.4: the STC of 26,960 voxels around the peak gets TD 10,318 (TDP 0.383) from
# ARIbrain but 10,784 (exactly 0.4) from hommel::discoveries, so ARIbrain returns a smaller sub-cluster (25,795
# voxels) and Ari the STC itself. The rows with step "stc" give that STC of ARIbrain's own tree (size, ARIbrain's TD,
# the closed-testing value) and the rest of the mask around it, so the test can check Ari's answer against them.
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
      voxel_sum = if (is_rest) NA else sum(as.numeric(voxels)), voxel_min = if (is_rest) NA else min(voxels),
      hommel_discoveries = discoveries(hom, ix = if (is_rest) setdiff(seq_len(aricluster@m), unlist(clusters@clusterlist) + 1)
                                                else unlist(clusters@clusterlist[r]) + 1, alpha = 0.05))
  }
}
hom <- hommel(aricluster@p, simes = TRUE)
for (gamma in c(0.4, 0.7, 0.9)) add(gamma, 0, TDPQuery(aricluster, threshold = gamma))

tdpclusters <- TDPQuery(aricluster, threshold = 0.7)
step <- 0
for (delta in c(0.01, 0.01, -0.01)) {
  tdpclusters <- TDPChange(tdpclusters, v = c(17, 57, 38), tdpchg = delta)
  step <- step + 1
  add(0.7, step, tdpclusters)
}
# The STC of ARIbrain's tree that is Ari's cluster at gamma 0.4 (see above), and the rest of the mask around it.
node <- which(aricluster@sizes == 26960)
stack <- node; members <- integer(0)
while (length(stack) > 0) {
  x <- stack[length(stack)]; stack <- stack[-length(stack)]; members <- c(members, x); stack <- c(stack, aricluster@childs[[x]] + 1L)
}
voxels <- aricluster@indexp[members] - 1
rest <- setdiff(seq_len(aricluster@m), members)
rows[[length(rows) + 1]] <- data.frame(gamma = 0.4, step = "stc", cluster = "1", size = length(members),
  true_discoveries = round(aricluster@tdps[node] * length(members)), true_nulls_upper = NA, tdp = aricluster@tdps[node],
  peak_stat = NA, peak_i = NA, peak_j = NA, peak_k = NA, voxel_sum = sum(as.numeric(voxels)), voxel_min = min(voxels),
  hommel_discoveries = discoveries(hom, ix = members, alpha = 0.05))
rows[[length(rows) + 1]] <- data.frame(gamma = 0.4, step = "stc", cluster = "rest", size = length(rest),
  true_discoveries = NA, true_nulls_upper = NA, tdp = NA, peak_stat = NA, peak_i = NA, peak_j = NA, peak_k = NA,
  voxel_sum = NA, voxel_min = NA, hommel_discoveries = discoveries(hom, ix = rest, alpha = 0.05))
out <- do.call(rbind, rows)
out[] <- lapply(out, function(col) if (is.numeric(col)) ifelse(is.na(col), "n/a", sprintf("%.17g", col)) else col)
write.table(out, stdout(), sep = "\t", quote = FALSE, row.names = FALSE)
