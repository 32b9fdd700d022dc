// Second-level fMRI model: true positive proportion in clusters
// =============================================================
//
// nilearn's example plot_proportion_activated_voxels.py, written with Ari, line for line.
//
// This script showcases the so-called "All resolution inference" procedure, in which the proportion of
// true discoveries in arbitrary clusters is estimated. The clusters can be defined from the input image,
// i.e. in a circular way, as the error control accounts for arbitrary cluster selection.
//
// Rosenblatt JD, Finos L, Weeda WD, Solari A, Goeman JJ. All-Resolutions Inference for brain imaging.
// Neuroimage. 2018 Nov 1;181:786-796. doi:10.1016/j.neuroimage.2018.07.060
//
// Usage: dotnet run --project examples/ProportionActivatedVoxels [-- OUTPUT_FOLDER]

using Ari;
using Ari.Datasets.Localizer;
using Ari.Datasets.Simulation;
using Ari.Datasets.Templates;
using Ari.Glm;
using Ari.Inference;
using Ari.Plotting;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.StatMaps;
using Ari.Statistics;

string outputFolder = args.Length > 0 ? args[0] : "proportion-activated-voxels";
Directory.CreateDirectory(outputFolder);

// Fetch dataset
// -------------
// We download a list of left vs right button press contrasts from a localizer dataset.
// (Without network access, Ari's simulated Localizer-like set with a known ground truth stands in.)
int nSubjects = 16;
IReadOnlyList<string> secondLevelInput;
try
{
    var data = await LocalizerFetcher.FetchContrastsAsync(["left vs right button press"], nSubjects);
    secondLevelInput = data.ContrastMaps;
}
catch (AriException e)
{
    Console.WriteLine($"The Localizer maps could not be fetched ({e.Message}); using simulated maps.");
    secondLevelInput = LocalizerSimulation.Write(new SimulationSettings { Subjects = nSubjects }, Path.Combine(outputFolder, "simulated")).Maps;
}

// Estimate second level model
// ---------------------------
// We define the input maps and the design matrix for the second level model and fit it.
var designMatrix = DesignMatrix.Intercept(secondLevelInput.Count);

// Model specification and fit
var secondLevelModel = new SecondLevelModel { SmoothingFwhm = 8.0 }.Fit(secondLevelInput, designMatrix);

// To estimate the contrast is very simple. We can just provide the column name of the design matrix.
var zMap = secondLevelModel.ComputeContrast("intercept").ToVolume("z_score");

// We threshold the second level contrast at uncorrected p < 0.001 and plot
double pVal = 0.001;
double p001Uncorrected = Normal.Isf(pVal);

var proportionTrueDiscoveriesImg = ClusterLevelInference.Compute(zMap, thresholds: [2.5, 3.5, 4.5], alpha: 0.05).Tdp;

// The MNI152 template is the background, as in nilearn (downloaded once; without it, the brain's silhouette).
var template = await MniTemplate.LocateAsync();
var background = template.Path is { } templatePath
    ? BackgroundImage.Load(templatePath)
    : BackgroundImage.SilhouetteOf(secondLevelModel.FittedMask.Unmask(Enumerable.Repeat(1.0, secondLevelModel.FittedMask.Count).ToArray()));

StatMapPlot.Plot(proportionTrueDiscoveriesImg, background, new StatMapOptions
{
    Threshold = 0.0,
    Display = DisplayMode.Z,
    Vmax = 1,
    Colormap = "inferno",
    Colorbar = true,
    Title = "group left-right button press, proportion true positives",
}).Save(Path.Combine(outputFolder, "proportion_true_positives.png"));

StatMapPlot.Plot(zMap, background, new StatMapOptions
{
    Threshold = p001Uncorrected,
    Colorbar = true,
    Display = DisplayMode.Z,
    Title = "group left-right button press (uncorrected p < 0.001)",
}).Save(Path.Combine(outputFolder, "z_map.png"));

Console.WriteLine($"Figures written to {Path.GetFullPath(outputFolder)}");
