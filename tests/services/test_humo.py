from oee_desk.services.catalogos import ServicioCatalogos


def test_catalogos_por_defecto_cargados(bd, admin):
    municipios = ServicioCatalogos(bd).listar(admin, "municipios")
    assert len(municipios) == 72
    assert {m["clave"] for m in municipios} == {str(k) for k in range(26001, 26073)}
