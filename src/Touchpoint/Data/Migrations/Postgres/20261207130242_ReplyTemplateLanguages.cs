using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReplyTemplateLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "ReplyTemplates",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                // The templates written before languages were: all in English.
                defaultValue: "en");

            migrationBuilder.CreateTable(
                name: "ReplyTemplateTranslations",
                columns: table => new
                {
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Subject = table.Column<string>(type: "character varying(188)", maxLength: 188, nullable: true),
                    Body = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyTemplateTranslations", x => new { x.TemplateId, x.Language });
                    table.ForeignKey(
                        name: "FK_ReplyTemplateTranslations_ReplyTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ReplyTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReplyTemplateTranslations");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "ReplyTemplates");
        }
    }
}
