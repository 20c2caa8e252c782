using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JurisdictionsFiDe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Notice",
                table: "ContractSummaries",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            // Notices were whole months until FI-1's two weeks.
            migrationBuilder.Sql("UPDATE \"ContractSummaries\" SET \"Notice\" = 'P' || CAST(\"NoticeMonths\" AS TEXT) || 'M';");

            // Until FI and DE, euros were paid in the Netherlands only: a euro plan without a country was a Dutch plan, and
            // stays one rather than becoming a Finnish and German one too.
            migrationBuilder.Sql("UPDATE \"Plans\" SET \"Country\" = 'NL' WHERE \"Country\" IS NULL AND \"Currency\" = 'EUR';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Notice",
                table: "ContractSummaries");
        }
    }
}
