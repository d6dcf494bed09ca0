using System.Text.Json.Serialization;

namespace Nianbao.Template;

/// <summary>
/// Compile-time JSON metadata for the catalogue's data files (template, rules, editions, metrics, agency kinds): reflection-based metadata is
/// built on first use in every process (tens of milliseconds of a CLI run that parses one file).
/// </summary>
[JsonSerializable(typeof(TemplateText))]
[JsonSerializable(typeof(TemplateCatalog.RulesFile))]
[JsonSerializable(typeof(TemplateCatalog.EditionsFile))]
[JsonSerializable(typeof(MetricCatalog.FileDto), TypeInfoPropertyName = "MetricsFile")]
[JsonSerializable(typeof(AgencyKinds.FileDto), TypeInfoPropertyName = "AgencyKindsFile")]
internal sealed partial class TemplateJsonContext : JsonSerializerContext;

/// <summary>Metadata for <see cref="CellLocation"/>; naming and the kebab-case enum converter stay in <see cref="CellLocation.Json"/>.</summary>
[JsonSerializable(typeof(CellLocation))]
internal sealed partial class LocationJsonContext : JsonSerializerContext;
