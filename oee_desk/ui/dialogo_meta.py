"""A meta of the year, new or edited (supervisor): number, description, area, unit, periodicity,
source (captured by its area, or counted from the records by a rule) and the programmed value of
each period. Saved through ServicioMetas.guardar; periods of closed months keep their
programmed value (they were printed)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QGridLayout, QLabel, QPlainTextEdit, QSpinBox, QVBoxLayout,
    QWidget,
)

from ..domain import metas as reglas
from ..domain.catalogos import INDICADORES
from ..domain.errores import Problema
from ..services.metas import ServicioMetas
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .campos import CamposConError
from .formulario import botones_guardar
from .guardado_en_tarea import GuardadoEnTarea
from .metas_comun import ESTILO_CERRADO, campo_en_espanol, clave_campo, nombre_periodo, rotulos_periodo, tr
from .tareas import Tareas

CAMPOS_REGLA = {"regla": "cuenta", "regla.cuenta": "cuenta", "regla.indicador": "indicador"}
CAMPOS_FORMULARIO = ("numero", "descripcion", "area", "unidad", "periodicidad", "fuente", "cuenta", "indicador",
                     "programado")


def _combo(padre: QWidget, opciones: dict, inicial) -> QComboBox:
    combo = QComboBox(padre)
    for clave, texto in opciones.items():
        combo.addItem(tr(texto), clave)
    combo.setCurrentIndex(max(0, combo.findData(inicial)))
    return combo


class DialogoMeta(GuardadoEnTarea, QDialog):
    def __init__(self, metas: ServicioMetas, sesion: Sesion, tareas: Tareas, anio: int, meta: dict | None,
                 existentes: list[dict], parent: QWidget | None = None):
        super().__init__(parent)
        self.servicio, self.sesion, self.tareas, self.anio, self.meta = metas, sesion, tareas, anio, meta
        self.existentes = {m["numero"] for m in existentes}
        self.resultado = None
        m = meta or {}
        self.setObjectName("dialogoMeta")
        self.setWindowTitle(tr("Meta %1 de %2").replace("%1", str(m["numero"])).replace("%2", str(anio)) if meta
                            else tr("Nueva meta de %s") % anio)
        self.setMinimumWidth(640)

        self.numero = QSpinBox(self, minimum=1, maximum=999)
        self.numero.setValue(m.get("numero") or (max(self.existentes, default=0) + 1))
        self.numero.setEnabled(meta is None)  # a meta is known by its number: another number is another meta
        self.descripcion = QPlainTextEdit(m.get("descripcion", ""), self)
        self.descripcion.setTabChangesFocus(True)
        self.descripcion.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.area = QComboBox(self, editable=True)
        self.area.addItems(sorted({x["area"] for x in existentes}))
        self.area.setCurrentText(m.get("area", ""))
        self.area.lineEdit().setPlaceholderText(tr("p. ej. Coordinación Ejecutiva de Atención Ciudadana"))
        self.unidad = _combo(self, reglas.UNIDADES, m.get("unidad", "conteo"))
        self.periodicidad = _combo(self, reglas.PERIODICIDADES, m.get("periodicidad", "trimestral"))
        self.fuente = _combo(self, reglas.FUENTES, m.get("fuente", "manual"))
        regla = m.get("regla") or {}
        self.cuenta = _combo(self, reglas.CUENTAS, regla.get("cuenta", "peticiones"))
        self.indicador = _combo(self, INDICADORES, str(regla.get("indicador") or 1))
        self.programado = QWidget(self)
        self.rejilla = QGridLayout(self.programado)
        self.rejilla.setContentsMargins(0, 0, 0, 0)
        self.rejilla.setHorizontalSpacing(6)
        self.valores: list[QDoubleSpinBox] = []

        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(self.formulario, self.error_general)
        agregar = self.campos.agregar
        agregar("numero", tr("Número"), self.numero)
        agregar("descripcion", tr("Descripción"), self.descripcion)
        agregar("area", tr("Área"), self.area)
        agregar("unidad", tr("Unidad"), self.unidad)
        agregar("periodicidad", tr("Periodicidad"), self.periodicidad)
        agregar("fuente", tr("Fuente"), self.fuente)
        agregar("cuenta", tr("Qué cuenta"), self.cuenta, "regla", "regla.cuenta")
        agregar("indicador", tr("Indicador"), self.indicador, "regla.indicador")
        self.nota_cerrados = etiqueta("", "nota")
        agregar("programado", tr("Programado"), self.programado, debajo=self.nota_cerrados)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 18, 20, 14)
        capa.addLayout(self.formulario)
        capa.addWidget(self.error_general)
        capa.addLayout(botones_guardar(self, tr("Guardar meta"), self.guardar))
        for combo in (self.periodicidad, self.unidad):
            combo.currentIndexChanged.connect(lambda _: self._periodos())
        for combo in (self.fuente, self.cuenta):
            combo.currentIndexChanged.connect(lambda _: self._regla())
        self._periodos(m.get("programado"))
        self._regla()
        if (m.get("ultimo_mes_cerrado") or 0) and meta is not None:
            # A new periodicity would change every closed period: refused by the service anyway.
            self.periodicidad.setEnabled(False)
        self.descripcion.setFocus()

    @property
    def _cerrado_hasta(self) -> int:
        return (self.meta or {}).get("ultimo_mes_cerrado") or 0

    def _periodos(self, iniciales: list | None = None) -> None:
        """One field per period; the values typed so far are kept when the count stays the same."""
        periodos = reglas.PERIODOS[self.periodicidad.currentData()]
        previos = iniciales if iniciales is not None else [c.value() for c in self.valores]
        while self.rejilla.count():
            self.rejilla.takeAt(0).widget().deleteLater()
        porcentaje = self.unidad.currentData() == "porcentaje"
        self.valores = []
        cerrados = 0
        for i, rotulo in enumerate(rotulos_periodo(periodos)):
            campo = QDoubleSpinBox(self.programado, objectName=f"programado{i}")
            campo.setDecimals(1 if porcentaje else 0)
            campo.setRange(0, 100 if porcentaje else 9_999_999)
            campo.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
            campo.setAlignment(Qt.AlignmentFlag.AlignRight)
            campo.setStyleSheet(ESTILO_CERRADO)
            campo.setToolTip(nombre_periodo(periodos, i))
            if len(previos) == periodos and previos[i] is not None:
                campo.setValue(previos[i])
            if reglas.periodo_cerrado(periodos, i, self._cerrado_hasta):
                campo.setEnabled(False)
                cerrados += 1
            fila, columna = divmod(i, 6)
            nombre = QLabel(rotulo, self.programado)
            nombre.setBuddy(campo)
            nombre.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.rejilla.addWidget(nombre, 2 * fila, columna)
            self.rejilla.addWidget(campo, 2 * fila + 1, columna)
            self.valores.append(campo)
        self.nota_cerrados.setText(tr("Los periodos de meses cerrados no cambian: ya salieron en un informe impreso.")
                                   if cerrados else "")
        self.nota_cerrados.setVisible(bool(cerrados))

    def _regla(self) -> None:
        automatica = self.fuente.currentData() == "automatica"
        self.formulario.setRowVisible(self.cuenta.parentWidget(), automatica)
        self.formulario.setRowVisible(self.indicador.parentWidget(), automatica)
        self.indicador.setEnabled(self.cuenta.currentData() in reglas.CUENTAS_CON_INDICADOR)

    # --- saving -------------------------------------------------------------------------------
    def datos(self) -> dict:
        unidad, fuente = self.unidad.currentData(), self.fuente.currentData()
        programado = [int(c.value()) if unidad == "conteo" else c.value() for c in self.valores]
        alcanzado = None
        if fuente == "manual":
            previo = (self.meta or {}).get("alcanzado")
            # What the area captured stays; a new periodicity starts it blank.
            alcanzado = list(previo) if previo and len(previo) == len(programado) else [None] * len(programado)
        regla = None
        if fuente == "automatica":
            cuenta = self.cuenta.currentData()
            regla = {"cuenta": cuenta,
                     "indicador": int(self.indicador.currentData()) if cuenta in reglas.CUENTAS_CON_INDICADOR else None}
        return {"numero": self.numero.value(), "descripcion": self.descripcion.toPlainText().strip(),
                "area": self.area.currentText().strip(), "unidad": unidad,
                "periodicidad": self.periodicidad.currentData(), "fuente": fuente, "regla": regla,
                "programado": programado, "alcanzado": alcanzado}

    @property
    def numero_meta(self) -> int:
        return self.numero.value()

    def guardar(self) -> None:
        # The service refuses a new meta with a number already taken, and an edit someone else saved first.
        self._guardar_en_tarea(self.servicio.guardar, self.sesion, self.anio, self.datos(),
                               numero_original=self.meta["numero"] if self.meta else None,
                               version=self.meta["version"] if self.meta else None)

    def _al_guardar(self, resultado) -> None:
        self.resultado = resultado

    def _mostrar_problemas(self, problemas: list) -> None:
        """Each period's problem under the periods, named; one of another field in the general line."""
        periodos = len(self.valores)
        propios = []
        for p in problemas:
            clave, indice = clave_campo(p.campo)
            clave = CAMPOS_REGLA.get(clave, clave)
            if clave == "programado" and indice is not None and indice < periodos:
                propios.append(Problema(clave, f"{nombre_periodo(periodos, indice)}: {p.mensaje}"))
            elif clave in CAMPOS_FORMULARIO:
                propios.append(Problema(clave, p.mensaje))
            else:  # not a field of this form (what the area captured, say): in the general line, in Spanish
                propios.append(Problema(campo_en_espanol(p.campo, periodos), p.mensaje))
        self.campos.mostrar(propios)
