using System.Text.Json;
using Ari.Imaging;

namespace Ari.IO;

/// <summary>A grid in the JSON files Ari writes: "shape": [nx, ny, nz] and "affine": 16 numbers, row-major.</summary>
public static class GridJson
{
    /// <summary>Writes the properties "shape" ([nx, ny, nz]) and "affine" (16 numbers, row-major, last row 0 0 0 1) into the JSON object being written.</summary>
    public static void WriteShapeAndAffine(Utf8JsonWriter json, ImageGrid grid)
    {
        json.WriteStartArray("shape");
        json.WriteNumberValue(grid.Nx);
        json.WriteNumberValue(grid.Ny);
        json.WriteNumberValue(grid.Nz);
        json.WriteEndArray();
        json.WriteStartArray("affine");
        foreach (double v in grid.Affine.ToRows()) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
